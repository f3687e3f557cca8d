// The Redcode in an LLM's reply: the fenced block that looks most like Redcode, or, when the
// reply has no fences, the run of lines from the first Redcode-looking line on. null when
// nothing in the reply looks like Redcode (the candidate is then recorded as such).

const OPERATION = /^\s*(?:[A-Za-z_][\w]*:?\s+)?(?:MOV|ADD|SUB|MUL|DIV|MOD|JMZ|JMN|DJN|CMP|SLT|SPL|DAT|JMP|SEQ|SNE|NOP|LDP|STP|ORG|END|EQU|FOR|ROF|PIN)(?:\.[ABFIX]{1,2})?(?:\s|$)/i;
const DIRECTIVE = /^\s*;\s*(?:redcode|name|author|strategy|assert)/i;
const FENCE = /```[^\n`]*\n([\s\S]*?)```/g;

const redcodeLines = (text: string): number => text.split('\n').filter((l) => OPERATION.test(l) || DIRECTIVE.test(l)).length;

export function extractRedcode(reply: string): string | null {
  const blocks = [...reply.matchAll(FENCE)].map((m) => m[1]);
  if (blocks.length > 0) {
    const best = blocks.reduce((a, b) => (redcodeLines(b) > redcodeLines(a) ? b : a));
    return redcodeLines(best) > 0 ? best.trimEnd() + '\n' : null;
  }
  const lines = reply.split('\n');
  const first = lines.findIndex((l) => OPERATION.test(l) || DIRECTIVE.test(l));
  if (first < 0) return null;
  // Unfenced: keep Redcode, comments and blank lines; stop at the first line of prose after the code.
  const kept: string[] = [];
  for (const line of lines.slice(first)) {
    if (OPERATION.test(line) || /^\s*(;|$)/.test(line) || /^\s*[A-Za-z_]\w*:?\s*$/.test(line)) kept.push(line);
    else break;
    if (/^\s*END\b/i.test(line)) break;
  }
  return kept.join('\n').trimEnd() + '\n';
}
