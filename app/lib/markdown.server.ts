/**
 * Proposal text is Markdown written by members. It is rendered on the server by micromark,
 * whose defaults escape raw HTML and drop unsafe link protocols (javascript:, data:), so the
 * page only ever receives this sanitized HTML. Images are turned off: an image would make
 * every reader's browser fetch from a third party (DESIGN §6 "no third-party requests").
 */
import { micromark } from "micromark";

const noImages = { disable: { null: ["labelStartImage"] } };

export function renderMarkdown(text: string): string {
  return micromark(text, { extensions: [noImages] });
}
