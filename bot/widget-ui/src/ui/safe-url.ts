// Only http(s) links and images from bot payloads: a `javascript:` URL must never become clickable.
export function safeUrl(url: string): string | null {
  try {
    const u = new URL(url, document.baseURI);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
