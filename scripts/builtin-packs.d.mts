/** The built-in packs' files under `root` (the repository), sorted, as full paths: rules/cando-*.json. */
export function builtinPackFiles(root: string): string[];
