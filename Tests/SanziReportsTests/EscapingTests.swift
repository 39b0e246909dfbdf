import SanziOutput
import Testing

@Suite("Escaping names for each format")
struct EscapingTests {
    /// Markdown neutralises tags and its own marks but leaves quotes alone (a report once
    /// showed `village&\#39;s normal`).
    @Test func markdownKeepsQuotesAndNeutralisesMarksAndTags() {
        #expect(
            Escaping.markdown("the village's *normal* <b>[#1]</b> & more\nline")
                == ##"the village's \*normal\* &lt;b&gt;\[\#1\]&lt;/b&gt; &amp; more line"##)
        #expect(Escaping.html("village's <b>") == "village&#39;s &lt;b&gt;")
    }
}
