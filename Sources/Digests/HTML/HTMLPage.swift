/// The frame shared by the HTML digest and the index: a self-contained page that can load and run nothing.
///
/// The style is inline and uses only system fonts; the content security policy forbids every fetch,
/// script, frame, base URL and form, so that even a rendering mistake could not make the page call out.
/// Links still navigate when followed: navigation is not a fetch.
enum HTMLPage {
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    /// A whole document around `body`, which must already be escaped; `title` is escaped here.
    static func document(language: String, title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(MarkupText.escape(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(MarkupText.escape(contentSecurityPolicy))">
        <meta name="referrer" content="no-referrer">
        <title>\(MarkupText.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <div class="page">
        \(body)
        </div>
        </body>
        </html>

        """
    }

    /// A link to an http(s) URL or a relative path already checked by the caller.
    static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(MarkupText.escape(href))\" rel=\"noopener noreferrer\">\(MarkupText.escape(text))</a>"
    }

    private static let style = """
        :root { color-scheme: light dark; --bg: #f5f4ef; --card: #ffffff; --text: #1f2328; --muted: #5b616b;
          --line: #e2dfd6; --accent: #0b57a4; --mark: #ffe07a; --chip: #ecf0f6; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #15171a; --card: #1f2227; --text: #e6e4df; --muted: #a1a7b0; --line: #33373e;
            --accent: #8cb8f5; --mark: #705b0c; --chip: #2b313a; }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--text);
          font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
        .page { max-width: 48rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
        header { margin: 0 0 1.5rem; }
        h1 { font-size: 1.65rem; line-height: 1.25; margin: 0 0 .5rem; overflow-wrap: anywhere; }
        .summary { color: var(--muted); font-size: .95rem; margin: 0; }
        ol.items { list-style: none; margin: 0; padding: 0; }
        .item { display: flex; gap: 1rem; background: var(--card); border: 1px solid var(--line);
          border-radius: 10px; padding: 1rem 1.15rem; margin: 0 0 .85rem; }
        .rank { flex: none; width: 2rem; height: 2rem; border-radius: 50%; background: var(--chip); color: var(--muted);
          font-weight: 600; font-size: .9rem; display: flex; align-items: center; justify-content: center; }
        .body { flex: 1; min-width: 0; }
        h2 { font-size: 1.12rem; line-height: 1.35; margin: .1rem 0 .3rem; overflow-wrap: anywhere; }
        a { color: var(--accent); text-decoration: none; }
        a:hover, a:focus { text-decoration: underline; }
        .meta { color: var(--muted); font-size: .88rem; margin: 0 0 .45rem; }
        .score { font-variant-numeric: tabular-nums; white-space: nowrap; }
        .evidence { font-size: .88rem; line-height: 1.9; margin: 0 0 .3rem; }
        .evidence .group { margin-right: 1rem; }
        .evidence .label { color: var(--muted); }
        .chip { display: inline-block; line-height: 1.5; background: var(--chip); border-radius: 999px; padding: 0 .6rem; }
        .terms { font-style: italic; }
        .snippet { margin: .35rem 0 0; overflow-wrap: anywhere; }
        .copies { font-size: .88rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
        .copies .label { color: var(--muted); }
        mark { background: var(--mark); color: inherit; border-radius: 3px; padding: 0 .12em; }
        .more, .empty { color: var(--muted); font-style: italic; }
        .failing { margin: 1.8rem 0 0; font-size: .9rem; color: var(--muted); }
        .failing h2 { color: var(--text); }
        .failing ul { margin: .3rem 0 0; padding-left: 1.2rem; }
        .failing .error { overflow-wrap: anywhere; }
        .period { margin: 0 0 1.2rem; }
        h2.period-title { font-size: 1.15rem; margin: 0 0 .5rem; }
        table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
        td { padding: .5rem .8rem; border-top: 1px solid var(--line); }
        tr:first-child td { border-top: 0; }
        td.formats { text-align: right; white-space: nowrap; }
        td.formats a + a::before { content: "·"; color: var(--muted); padding: 0 .45rem; display: inline-block; }
        .item h3 { font-size: 1.12rem; line-height: 1.35; margin: .1rem 0 .3rem; overflow-wrap: anywhere; }
        .group { margin: 0 0 1.4rem; }
        h2.group-title { font-size: 1.25rem; margin: 0 0 .6rem; }
        .group-title .count, .profile .count { color: var(--muted); font-size: .9rem; font-weight: normal; white-space: nowrap; }
        section.trend { margin: 0 0 1.5rem; }
        .trend-title { font-size: 1rem; margin: 0 0 .4rem; color: var(--muted); font-weight: 600; }
        table.trend th { text-align: left; font-weight: normal; padding: .3rem .8rem; width: 40%; overflow-wrap: anywhere; }
        table.trend td { padding: .3rem .8rem; }
        table.trend th, table.trend td { border-top: 1px solid var(--line); }
        table.trend tr:first-child th { border-top: 0; }
        table.trend tr.all th { font-weight: 600; }
        td.chart { width: 50%; }
        svg.spark { display: block; width: 100%; height: 1.5rem; fill: currentColor; color: var(--accent); }
        svg.spark rect.zero { opacity: .35; }
        td.sum, td.count { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.count { color: var(--muted); font-size: .9rem; }
        .kind, .id { color: var(--muted); font-size: .88rem; }
        .profile { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: .9rem 1.1rem; margin: 0 0 .9rem; }
        .profile h3 { font-size: 1.1rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
        .profile p.formats { margin: 0 0 .6rem; }
        .profile p.formats a + a::before { content: "·"; color: var(--muted); padding: 0 .45rem; display: inline-block; }
        .profile .trend-title { font-size: .9rem; }
        .profile section.trend { margin: 0; }
        @media (max-width: 540px) {
          .page { padding: 1.1rem .75rem 2rem; }
          h1 { font-size: 1.3rem; }
          .item { display: block; padding: .8rem .85rem; }
          .rank { float: left; width: 1.6rem; height: 1.6rem; font-size: .8rem; margin: .05rem .55rem 0 0; }
          h2, .item h3 { font-size: 1.05rem; }
          table.trend th { width: 45%; padding: .3rem .5rem; }
          table.trend td { padding: .3rem .5rem; }
        }
        """
}
