import { render } from 'preact';

render(<h1>CanDo settings</h1>, document.getElementById('app')!);
