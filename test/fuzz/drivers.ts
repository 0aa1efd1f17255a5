// The real editors the fuzz drives, each on its fixture page: how to get a fresh empty composer,
// read the text its own model holds (in the reference model's convention: "\n" between paragraphs,
// "\v" for a soft break), and switch tickets where the page can.
import type { Frame, Page } from 'puppeteer-core';

export interface EditorDriver {
  name: string;
  /** Fixture page path on the fixture server. */
  path: string;
  /** The editor element, in the document of `frame()`. */
  selector: string;
  /** What Shift+Enter inserts; null where the editor's own handling of it is not a plain text edit. */
  softBreak: '\v' | '\n' | null;
  canSwitchTicket: boolean;
  /**
   * Browsers where an arrow key does not always move the caret by one character in this editor
   * (CKEditor 5 in Firefox steps over its own invisible inline fillers), so a text model cannot
   * predict it: there the fuzz moves the caret with Ctrl+Home/End only.
   */
  inexactArrowKeys?: ('chrome' | 'firefox')[];
  /** The frame holding the editor (CanDo's overlay is always in the page). */
  frame(page: Page): Promise<Page | Frame>;
  /** Waits for the page's editor to be ready and empty. */
  ready(page: Page): Promise<void>;
  /** The draft as the editor's own model holds it. */
  modelText(page: Page): Promise<string>;
  switchTicket?(page: Page): Promise<void>;
}

type Win = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the fixture pages' globals

const waitFixture = (frame: Page | Frame) => frame.waitForFunction(() => (window as unknown as Win).fixtureReady, { timeout: 30000 });

const ckeditor: EditorDriver = {
  name: 'CKEditor 5',
  path: '/zendesk-workspace/',
  selector: '[data-pane="main"] .ck-editor__editable',
  softBreak: '\v',
  canSwitchTicket: true,
  inexactArrowKeys: ['firefox'],
  frame: async (page) => page,
  ready: async (page) => void (await waitFixture(page)),
  modelText: (page) =>
    page.evaluate(() => {
      const root = (window as unknown as Win).fixtureEditors.main.model.document.getRoot();
      const blocks: string[] = [];
      for (const block of root.getChildren()) {
        let text = '';
        for (const node of block.getChildren()) {
          if (node.is('$text')) text += node.data;
          else if (node.is('element', 'softBreak')) text += '\v';
          else text += `[${node.name}]`;
        }
        blocks.push(text);
      }
      return blocks.join('\n').replace(/\u00a0/g, ' ');
    }),
  async switchTicket(page) {
    for (const [ticket, subject] of [['102', 'Ticket #102'], ['101', 'Ticket #101']]) {
      await page.click(`nav button[data-ticket="${ticket}"]`);
      await page.waitForFunction(
        (s) => document.querySelector('[data-pane="main"] [data-test-id="ticket-subject"]')?.textContent === s && (window as unknown as Win).fixtureEditors.main,
        {},
        subject,
      );
    }
  },
};

const prosemirror: EditorDriver = {
  name: 'ProseMirror',
  path: '/prosemirror/',
  selector: '.reply-composer',
  softBreak: '\v',
  canSwitchTicket: true,
  frame: async (page) => page,
  ready: async (page) => void (await waitFixture(page)),
  modelText: (page) => page.evaluate(() => (window as unknown as Win).fixtureText('main').replace(/\u00a0/g, ' ')),
  async switchTicket(page) {
    for (const ticket of ['202', '201']) {
      await page.click(`[data-ticket-switch="${ticket}"]`);
      await page.waitForFunction((t) => document.querySelector('.composer')?.getAttribute('data-ticket') === t, {}, ticket);
    }
  },
};

const froala: EditorDriver = {
  name: 'Froala',
  path: '/freshdesk/',
  selector: '[data-kind="reply"] .fr-element',
  // Froala drops a <br> that ends a line when Enter follows it (the line looks the same), which a
  // text model cannot predict: soft breaks are left to the other editors.
  softBreak: null,
  canSwitchTicket: false,
  frame: async (page) => page,
  async ready(page) {
    await page.click('[data-kind="reply"][data-test-id="ticket-action-reply"]');
    await page.waitForFunction(() => (window as unknown as Win).fixtureEditors.reply?.editor?.el);
    await page.evaluate(() => (window as unknown as Win).fixtureEditors.reply.ready);
  },
  // Froala's model is its DOM: blocks joined by "\n", <br> as "\v" (a block's last <br> is the
  // browser's placeholder that keeps an empty or break-ended line open, not text).
  modelText: (page) =>
    page.evaluate(() => {
      const root = (window as unknown as Win).fixtureEditors.reply.editor.el as HTMLElement;
      const BLOCK = /^(P|DIV|BLOCKQUOTE|LI|UL|OL|H[1-6]|PRE)$/;
      const blocks: string[] = [];
      let inline: string | null = null;
      const textOf = (node: Node): string => {
        let text = '';
        for (const child of Array.from(node.childNodes)) {
          if (child.nodeType === Node.TEXT_NODE) text += (child as Text).data;
          else if (child.nodeName === 'BR') text += '\v';
          else text += textOf(child);
        }
        return text;
      };
      for (const child of Array.from(root.childNodes)) {
        if (child.nodeType === Node.ELEMENT_NODE && BLOCK.test(child.nodeName)) {
          if (inline !== null) blocks.push(inline);
          inline = null;
          blocks.push(textOf(child).replace(/\v$/, ''));
        } else {
          inline = (inline ?? '') + textOf({ childNodes: [child] } as unknown as Node);
        }
      }
      if (inline !== null) blocks.push(inline.replace(/\v$/, ''));
      return blocks.join('\n').replace(/\u00a0/g, ' ').replace(/[\u200b\ufeff]/g, '');
    }),
};

/** The Zendesk-classic markdown box: a framework-controlled textarea in a same-origin iframe. */
const textarea: EditorDriver = {
  name: 'textarea',
  path: '/zendesk-classic/',
  selector: 'textarea',
  softBreak: '\n',
  canSwitchTicket: false,
  async frame(page) {
    const handle = await page.waitForSelector('iframe');
    const frame = await handle!.contentFrame();
    if (!frame) throw new Error('no iframe content');
    return frame;
  },
  async ready(page) {
    await waitFixture(page);
    await (await textarea.frame(page)).waitForSelector('textarea');
  },
  // The app's own state is the model: an edit that bypassed 'input' would be reverted from it.
  modelText: async (page) =>
    (await textarea.frame(page)).evaluate(() => {
      const state = (window as unknown as Win).fixtureState.draft as string;
      const value = document.querySelector('textarea')!.value;
      return state === value ? state : `${state}\u0000[textarea shows ${JSON.stringify(value)}]`;
    }),
};

export const DRIVERS: Record<string, EditorDriver> = { ckeditor, froala, textarea, prosemirror };
