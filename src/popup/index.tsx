import { render } from 'preact';

render(<p>CanDo</p>, document.getElementById('app')!);
