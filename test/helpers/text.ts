// French typography puts non-breaking spaces (U+00A0, U+202F) before « : ; ? ! », inside
// guillemets, in times, amounts and phone numbers. Tests compare what a reader sees, so they
// read text through these two functions rather than matching raw HTML.

/** The text with every kind of space folded to one plain space, and the invisible word joiner (U+2060) dropped. */
export function plain(text: string): string {
  return text.replace(/\u2060/g, '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** An HTML page as a reader sees it: tags dropped, common entities decoded, spaces folded. */
export function visibleText(html: string): string {
  const withoutTags = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ');
  const decoded = withoutTags
    .replace(/&nbsp;/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return plain(decoded);
}
