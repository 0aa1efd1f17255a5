// Content script: finds the help desk's reply editors and coaches the draft in place.
export {};
