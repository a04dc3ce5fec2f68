// readHtml: main text with paragraph and table structure, and publication metadata from meta tags
// and JSON-LD, on pages built here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normaliseDate, readHtml } from "../../src/ingest/html.js";

const paragraph = (n: number): string =>
  `<p>El gobierno de Argentina firmó un acuerdo con Huawei para construir un centro de datos en Buenos Aires, ` +
  `por un valor de 30 millones de dólares, según informó el ministerio (párrafo ${n}). La obra incluye fibra óptica.</p>`;

const newsPage = `<!doctype html>
<html lang="es_ar">
<head>
  <title>Huawei construirá un centro de datos | El Diario</title>
  <meta property="og:title" content="Huawei construirá un centro de datos">
  <meta property="og:site_name" content="El Diario">
  <meta property="og:url" content="https://diario.example/og-url">
  <link rel="canonical" href="/economia/huawei-centro-de-datos">
  <script type="application/ld+json">{ "not": valid json }</script>
  <script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "Sitio"},
      {"@type": "NewsArticle", "headline": "Titular JSON-LD",
       "author": [{"@type": "Person", "name": "Ana Pérez"}, {"@type": "Person", "name": "João Silva"}],
       "datePublished": "2021-03-15T23:30:00-03:00", "publisher": {"@id": "#org"}},
      {"@type": "Organization", "@id": "#org", "name": "Diario SA"}]}
  </script>
  <style>p { color: red }</style>
  <script>window.tracking = "NO-SCRIPT-TEXT";</script>
</head>
<body>
  <nav><ul><li><a href="/">Inicio</a></li><li>Política NAV-TEXT</li></ul></nav>
  <article>
    <h1>Huawei construirá un centro de datos</h1>
    ${paragraph(1)}
    <p>Detalles:<br>línea   dos &amp; más&nbsp;texto &eacute;xito</p>
    ${paragraph(2)}
    ${paragraph(3)}
  </article>
  <aside>Lo más leído ASIDE-TEXT</aside>
  <footer>© 2021 El Diario FOOTER-TEXT</footer>
</body>
</html>`;

describe("readHtml on a news page", () => {
  const page = readHtml(newsPage, "https://diario.example/economia/x?utm=1");

  it("keeps the article paragraphs separated by a blank line", () => {
    const paragraphs = page.text.split("\n\n");
    assert.ok(paragraphs.some((p) => p.includes("(párrafo 1)")));
    assert.ok(page.text.includes("(párrafo 1). La obra incluye fibra óptica.\n\nDetalles:"));
  });

  it("turns <br> into a line break, collapses whitespace and decodes entities", () => {
    assert.ok(page.text.includes("Detalles:\nlínea dos & más texto éxito"));
  });

  it("drops scripts, styles, nav, aside and footer", () => {
    for (const junk of ["NO-SCRIPT-TEXT", "color: red", "NAV-TEXT", "ASIDE-TEXT", "FOOTER-TEXT"]) {
      assert.ok(!page.text.includes(junk), junk);
    }
  });

  it("takes title, site name and canonical URL from og: and link tags", () => {
    assert.equal(page.title, "Huawei construirá un centro de datos");
    assert.equal(page.siteName, "El Diario");
    assert.equal(page.canonicalUrl, "https://diario.example/economia/huawei-centro-de-datos");
  });

  it("takes authors and the publication date from JSON-LD inside @graph, skipping invalid JSON-LD", () => {
    assert.equal(page.author, "Ana Pérez, João Silva");
    assert.equal(page.published, "2021-03-15");
  });

  it("normalises the <html lang> tag", () => {
    assert.equal(page.language, "es-AR");
  });
});

describe("readHtml metadata sources", () => {
  it("reads a JSON-LD array with the headline, author name and publisher name", () => {
    const html = `<html><head><script type="application/ld+json">[{"@type":"BreadcrumbList"},
      {"@type":["NewsArticle"],"headline":"Acordo com a Huawei","author":{"name":"Maria Souza"},
       "datePublished":"2020-05","publisher":{"@type":"Organization","name":"Folha Exemplo"},"inLanguage":"pt-BR"}]</script>
      </head><body><p>Texto curto.</p></body></html>`;
    const page = readHtml(html);
    assert.equal(page.title, "Acordo com a Huawei");
    assert.equal(page.author, "Maria Souza");
    assert.equal(page.published, "2020-05");
    assert.equal(page.siteName, "Folha Exemplo");
    assert.equal(page.language, "pt-BR");
  });

  it("reads the date from article:published_time, name=date, dc.date, citation and itemprop tags", () => {
    const cases: [string, string][] = [
      ['<meta property="article:published_time" content="2019-07-01T10:00:00Z">', "2019-07-01"],
      ['<meta name="date" content="2018-02-03">', "2018-02-03"],
      ['<meta name="DC.date" content="2017">', "2017"],
      ['<meta name="citation_publication_date" content="2016/11/09">', "2016-11-09"],
      ['<meta itemprop="datePublished" content="2015-06-30">', "2015-06-30"],
      ['<span itemprop="datePublished">2014-01-02</span>', "2014-01-02"],
      ['<time datetime="2013-12-24T08:00">24 dic</time>', "2013-12-24"],
    ];
    for (const [tag, expected] of cases) {
      assert.equal(readHtml(`<html><head></head><body>${tag}<p>Nota.</p></body></html>`).published, expected, tag);
    }
  });

  it("prefers the meta author and the <title> when nothing richer is declared", () => {
    const page = readHtml(`<html><head><title> Nota   simple </title><meta name="author" content="Carlos Gómez"></head><body><p>x</p></body></html>`);
    assert.equal(page.title, "Nota simple");
    assert.equal(page.author, "Carlos Gómez");
    assert.equal(page.published, null);
    assert.equal(page.canonicalUrl, null);
  });

  it("returns null for every field a bare fragment does not declare", () => {
    assert.deepEqual(readHtml("<p>Hola</p>"), {
      text: "Hola",
      title: null,
      author: null,
      published: null,
      canonicalUrl: null,
      language: null,
      siteName: null,
    });
  });
});

describe("readHtml on tables and short pages", () => {
  it("renders a table as tab-separated lines, one per row", () => {
    const html = `<html><body><h2>Contratos</h2><table>
      <thead><tr><th>País</th><th>Empresa</th><th>Monto</th></tr></thead>
      <tbody><tr><td>Chile</td><td>Huawei <b>Tech</b></td><td>US$ 5 M</td></tr>
      <tr><td></td><td><p>ZTE</p><p>Corp</p></td><td>R$ 10 mi</td></tr></tbody></table>
      <p>Fuente: ministerio.</p></body></html>`;
    assert.equal(readHtml(html).text, "Contratos\n\nPaís\tEmpresa\tMonto\nChile\tHuawei Tech\tUS$ 5 M\n\tZTE Corp\tR$ 10 mi\n\nFuente: ministerio.");
  });

  it("keeps a data table that sits inside a long article", () => {
    const html = `<html><body><article>${paragraph(1)}${paragraph(2)}
      <table><tr><th>Proyecto</th><th>Valor</th></tr><tr><td>Cable submarino</td><td>US$ 400 M</td></tr></table>
      ${paragraph(3)}</article></body></html>`;
    const text = readHtml(html).text;
    assert.ok(text.includes("Proyecto\tValor\nCable submarino\tUS$ 400 M"), text);
  });

  it("falls back to the body text, without scripts and styles, on a short page", () => {
    const html = `<html><head><style>.x{}</style></head><body><script>alert(1)</script><div>Acuerdo firmado.</div><ul><li>Uno</li><li>Dos</li></ul></body></html>`;
    assert.equal(readHtml(html).text, "Acuerdo firmado.\n\nUno\nDos");
  });

  it("keeps the text of a fragment made only of a footer rather than returning nothing", () => {
    assert.equal(readHtml("<footer>Contacto: prensa</footer>").text, "Contacto: prensa");
  });
});

describe("readHtml on malformed input", () => {
  it("recovers text from unclosed tags and stray cells without throwing", () => {
    const text = readHtml("<html><body><div><p>sin cerrar <b>negrita<i>itálica</div>resto <td>celda</table></p></html>tras el cierre").text;
    for (const piece of ["sin cerrar negrita", "itálica", "resto", "celda", "tras el cierre"]) assert.ok(text.includes(piece), piece);
  });

  it("reads text placed outside <body> or before <html>", () => {
    const text = readHtml("antes <html><head><p>en head</p></head><body><p>cuerpo</p></body></html><p>después</p>").text;
    assert.ok(text.includes("antes"));
    assert.ok(text.includes("en head"));
    assert.ok(text.includes("cuerpo"));
    assert.ok(text.includes("después"));
  });

  it("reads empty, whitespace-only and tag-only input as empty text", () => {
    for (const html of ["", "   \n ", "<html></html>", "<<<>>>"]) {
      const page = readHtml(html);
      assert.equal(typeof page.text, "string");
      assert.ok(page.text.replace(/[<>]/g, "").trim() === "", html);
    }
  });

  it("survives ten thousand nested elements", () => {
    const html = "<div>".repeat(10_000) + "profundo" + "</div>".repeat(10_000);
    assert.equal(readHtml(html).text, "profundo");
  });
});

describe("normaliseDate", () => {
  it("keeps the written date of an ISO timestamp and lowers precision when the source does", () => {
    assert.equal(normaliseDate("2021-03-15T23:30:00-03:00"), "2021-03-15");
    assert.equal(normaliseDate("2021-03"), "2021-03");
    assert.equal(normaliseDate("2021"), "2021");
    assert.equal(normaliseDate("20210315"), "2021-03-15");
  });

  it("reads numeric dates day-first, month-first only for ambiguous English pages", () => {
    assert.equal(normaliseDate("05/03/2021", "es"), "2021-03-05");
    assert.equal(normaliseDate("05/03/2021", "en-US"), "2021-05-03");
    assert.equal(normaliseDate("25/03/2021", "en"), "2021-03-25");
  });

  it("reads English textual dates and does not invent a day or read Spanish month names as English", () => {
    assert.equal(normaliseDate("March 15, 2019"), "2019-03-15");
    assert.equal(normaliseDate("Fri, 15 Mar 2019 10:00:00 GMT"), "2019-03-15");
    assert.equal(normaliseDate("Mar 2019"), "2019-03");
    assert.equal(normaliseDate("Publicado 2019"), null);
    assert.equal(normaliseDate("marzo 2019"), null);
  });

  it("rejects impossible dates and non-dates", () => {
    assert.equal(normaliseDate("2021-02-30"), null);
    assert.equal(normaliseDate("2021-13-01"), null);
    assert.equal(normaliseDate("ayer"), null);
    assert.equal(normaliseDate(""), null);
  });
});
