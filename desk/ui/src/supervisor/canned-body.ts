// A canned body cut into text and `{variable}` pieces for the preview. The list mirrors the server's
// (models/canned-service.ts); an unknown name is marked so the supervisor sees it before the server refuses it.
export const CANNED_VARIABLES = ['orderNo', 'amount', 'refundDate', 'buyerName', 'agentName'] as const;

export type BodyPiece = { kind: 'text'; text: string } | { kind: 'variable'; text: string; known: boolean };

export function bodyPieces(body: string): BodyPiece[] {
  const pieces: BodyPiece[] = [];
  let at = 0;
  for (const m of body.matchAll(/\{(\w+)\}/g)) {
    if (m.index > at) pieces.push({ kind: 'text', text: body.slice(at, m.index) });
    pieces.push({ kind: 'variable', text: m[0], known: (CANNED_VARIABLES as readonly string[]).includes(m[1]!) });
    at = m.index + m[0].length;
  }
  if (at < body.length) pieces.push({ kind: 'text', text: body.slice(at) });
  return pieces;
}
