// The watch pages, one lazily loaded chunk (/watch): the saved searches with their news — each
// project with its new claims, quotes and sources, and the search's Atom feed — and every watched
// source's health (when it last worked, what it brought, why it failed). Reads are public; saving
// searches and adding sources are done with `dsr` or the API for now. Strings are kept here in the
// three languages so this chunk does not touch the shared message files.
import { Link, useSearchParams } from "react-router";
import { Empty, Failed, Loading } from "../../components/StateView";
import { useLang } from "../../i18n";
import { useApi } from "../../lib/api";

interface AlertClaim { id: number; field: string; value: unknown; quote: string; document: { id: string; title: string | null; url: string | null; citation: string } }
interface Alert { id: string; createdAt: string; isNew: boolean; project: { id: string; title: string; country: string | null }; claims: AlertClaim[] }
interface Search { id: string; name: string; query: Record<string, string | number>; alerts: number; lastCollectedAt: string | null }
interface RunCounts { listed: number; new: number; documents: number; failed: number; disallowed: number }
interface Source { id: string; url: string; kind: string; title: string | null; health: "ok" | "quiet" | "failing" | "never_run"; healthNote: string; lastOkAt: string | null; lastRunAt: string | null; lastCounts: RunCounts | null }

const STRINGS = {
  en: { title: "Watch", searches: "Saved searches", noSearches: "No saved searches yet. Save one with dsr search save --name … or POST /api/searches.", news: "News", noNews: "Nothing new for this search yet.", atom: "Atom feed", sources: "Watched sources", noSources: "No sources are watched yet (dsr watch add URL).", isNew: "New", changed: "Changed", lastOk: "last worked", never: "never", brought: "last run", listed: "listed", fresh: "new", documents: "documents", failed: "failed", health: { ok: "OK", quiet: "Quiet", failing: "Failing", never_run: "Not run yet" }, everything: "everything" },
  es: { title: "Vigilancia", searches: "Búsquedas guardadas", noSearches: "Aún no hay búsquedas guardadas. Guarde una con dsr search save --name … o POST /api/searches.", news: "Novedades", noNews: "Aún no hay novedades para esta búsqueda.", atom: "Feed Atom", sources: "Fuentes vigiladas", noSources: "Aún no se vigila ninguna fuente (dsr watch add URL).", isNew: "Nuevo", changed: "Cambió", lastOk: "funcionó por última vez", never: "nunca", brought: "última ejecución", listed: "listados", fresh: "nuevos", documents: "documentos", failed: "fallidos", health: { ok: "Bien", quiet: "Silenciosa", failing: "Falla", never_run: "Sin ejecutar" }, everything: "todo" },
  pt: { title: "Monitoramento", searches: "Buscas salvas", noSearches: "Ainda não há buscas salvas. Salve uma com dsr search save --name … ou POST /api/searches.", news: "Novidades", noNews: "Ainda não há novidades para esta busca.", atom: "Feed Atom", sources: "Fontes monitoradas", noSources: "Nenhuma fonte é monitorada ainda (dsr watch add URL).", isNew: "Novo", changed: "Mudou", lastOk: "funcionou pela última vez", never: "nunca", brought: "última execução", listed: "listados", fresh: "novos", documents: "documentos", failed: "com falha", health: { ok: "OK", quiet: "Silenciosa", failing: "Falhando", never_run: "Não executada" }, everything: "tudo" },
} as const;

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : null);

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(show).join(", ");
  const v = value as Record<string, unknown>;
  if (typeof v.value === "number" && typeof v.currency === "string") return `${v.currency} ${v.value.toLocaleString()}`;
  return Object.entries(v).map(([k, n]) => `${String(n)} ${k}`).join(", ");
}

function News({ search, s }: { search: Search; s: (typeof STRINGS)[keyof typeof STRINGS] }) {
  const news = useApi<{ items: Alert[]; total: number }>(`/api/searches/${encodeURIComponent(search.id)}/news?limit=50`);
  if (news.state === "loading" && !news.data) return <Loading slow={news.slow} />;
  if (news.state === "error") return <Failed error={news.error} onRetry={news.reload} />;
  const items = news.data?.items ?? [];
  return (
    <section aria-labelledby="watch-news">
      <h2 id="watch-news">
        {s.news}: {search.name} <a href={`/api/searches/${encodeURIComponent(search.id)}/atom.xml`}>({s.atom})</a>
      </h2>
      {items.length === 0 ? <Empty>{s.noNews}</Empty> : null}
      <ol className="watch-news">
        {items.map((a) => (
          <li key={a.id}>
            <p>
              <strong>{a.isNew ? s.isNew : s.changed}</strong> · {when(a.createdAt)} · <Link to={`/projects/${encodeURIComponent(a.project.id)}`}>{a.project.title}</Link>
            </p>
            <ul>
              {a.claims.map((c) => (
                <li key={c.id}>
                  {c.field}: {show(c.value)}
                  <blockquote>“{c.quote}”</blockquote>
                  <small>
                    <Link to={`/documents/${encodeURIComponent(c.document.id)}`}>{c.document.citation}</Link>
                  </small>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function WatchPage() {
  const { lang } = useLang();
  const s = STRINGS[lang as keyof typeof STRINGS] ?? STRINGS.en;
  const [params, setParams] = useSearchParams();
  const searches = useApi<{ items: Search[] }>("/api/searches");
  const health = useApi<{ items: Source[] }>("/api/watch/health");
  const list = searches.data?.items ?? [];
  const chosen = list.find((x) => x.id === params.get("search")) ?? list[0] ?? null;
  return (
    <div className="page">
      <h1>{s.title}</h1>
      <section aria-labelledby="watch-searches">
        <h2 id="watch-searches">{s.searches}</h2>
        {searches.state === "loading" && !searches.data ? <Loading slow={searches.slow} /> : null}
        {searches.state === "error" ? <Failed error={searches.error} onRetry={searches.reload} /> : null}
        {searches.state === "ready" && list.length === 0 ? <Empty>{s.noSearches}</Empty> : null}
        <ul>
          {list.map((x) => (
            <li key={x.id}>
              <button type="button" aria-pressed={chosen?.id === x.id} onClick={() => setParams({ search: x.id })}>
                {x.name}
              </button>{" "}
              <small>
                {Object.entries(x.query).map(([k, v]) => `${k}=${v}`).join(" ") || s.everything} · {x.alerts}
              </small>
            </li>
          ))}
        </ul>
      </section>
      {chosen ? <News key={chosen.id} search={chosen} s={s} /> : null}
      <section aria-labelledby="watch-sources">
        <h2 id="watch-sources">{s.sources}</h2>
        {health.state === "loading" && !health.data ? <Loading slow={health.slow} /> : null}
        {health.state === "error" ? <Failed error={health.error} onRetry={health.reload} /> : null}
        {health.state === "ready" && (health.data.items.length === 0) ? <Empty>{s.noSources}</Empty> : null}
        <table className="watch-health">
          <tbody>
            {(health.data?.items ?? []).map((src) => (
              <tr key={src.id} data-health={src.health}>
                <td>
                  <strong>{s.health[src.health]}</strong>
                </td>
                <td>
                  {src.title ?? src.url} <small>({src.kind})</small>
                  <br />
                  <small>{src.healthNote}</small>
                </td>
                <td>
                  <small>
                    {s.lastOk}: {when(src.lastOkAt) ?? s.never}
                    {src.lastCounts ? ` · ${s.brought} ${when(src.lastRunAt)}: ${src.lastCounts.listed} ${s.listed}, ${src.lastCounts.new} ${s.fresh}, ${src.lastCounts.documents} ${s.documents}, ${src.lastCounts.failed} ${s.failed}` : ""}
                  </small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
