// The watch pages, one lazily loaded chunk (/watch): the saved searches with their news — each
// project with its new claims, quotes and sources, and the search's Atom feed — and every watched
// source's health (when it last worked, what it brought, why it failed; failing ones stand out).
// Reads are public. Editors also add, run and remove watched sources here, and change where a
// search's alerts go or delete it (searches are saved from the projects page). Strings are kept
// here in the three languages so this chunk does not touch the shared message files.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { SignIn } from "../../components/SignIn";
import { Empty, Failed, Loading } from "../../components/StateView";
import { useLang } from "../../i18n";
import { api, ApiFailure, useApi } from "../../lib/api";
import { useSession } from "../../lib/session";
import { Field, focusFirst } from "./Field";
import { apiErrors, channelsPatch, checkSearchForm, checkSourceForm, SOURCE_KINDS, type SearchField, type SearchForm, type SourceField, type SourceForm, sourceBody } from "./logic";
import { CHANNELS, fill, PROBLEMS } from "./strings";
import "./watch.css";

interface AlertClaim { id: number; field: string; value: unknown; quote: string; document: { id: string; title: string | null; url: string | null; citation: string } }
interface Alert { id: string; createdAt: string; isNew: boolean; project: { id: string; title: string; country: string | null }; claims: AlertClaim[] }
interface Search { id: string; name: string; query: Record<string, string | number>; alerts: number; lastCollectedAt: string | null; webhookUrl?: string | null; email?: string | null; hasSecret?: boolean }
interface RunCounts { listed: number; new: number; documents: number; failed: number; disallowed: number }
interface Source {
  id: string; url: string; kind: string; title: string | null; health: "ok" | "quiet" | "failing" | "never_run"; healthNote: string;
  lastOkAt: string | null; lastRunAt: string | null; lastCounts: RunCounts | null;
  everySeconds?: number; nextRunAt?: string; failures?: number; failingSince?: string | null; lastError?: string | null;
}
interface RunSummary { ran: number; failed: number; notModified: number; documents: number; sources: { id: string; outcome: string; error: string | null; counts: RunCounts }[] }

const STRINGS = {
  en: {
    title: "Watch", searches: "Saved searches", noSearches: "No saved searches yet.", saveFromProjects: "Save one from the projects page", news: "News", noNews: "Nothing new for this search yet.", atom: "Atom feed", sources: "Watched sources", noSources: "No sources are watched yet.", isNew: "New", changed: "Changed", lastOk: "last worked", never: "never", brought: "last run", listed: "listed", fresh: "new", documents: "documents", failed: "failed", health: { ok: "OK", quiet: "Quiet", failing: "Failing", never_run: "Not run yet" }, everything: "everything",
    signInHint: "Saving searches and watching sources is for editors: sign in with your token. Reading is open to everyone.",
    alertsTo: "alerts to", noChannels: "news here and in the Atom feed only", editAlerts: "Edit alerts", deleteSearch: "Delete", confirmDeleteSearch: "Delete “{name}” and its news?", confirmDelete: "Yes, delete", cancel: "Cancel", deletedSearch: "Deleted “{name}”.",
    saveChanges: "Save the alerts", saving: "Saving…", channelsSaved: "Alerts of “{name}” saved.", keepSecret: "Leave it empty to keep the current secret (or have one made for a new webhook).",
    addTitle: "Watch a source", url: "Address (URL)", urlHint: "A feed, a sitemap, a news site's listing page or an OCDS package.", every: "How often", everyHint: "30m, 6h, 1d or 1w (at least 5m).", kind: "Kind", kindAuto: "Read it from the first answer", kinds: { rss: "RSS feed", atom: "Atom feed", sitemap: "Sitemap", listing: "Listing page", ocds: "OCDS package" }, sourceTitle: "Title (optional)", country: "Country (optional)", countryHint: "Two letters, such as EC: for OCDS packages whose records do not say.", more: "More options", add: "Watch it", adding: "Checking the address…", added: "Now watching {name}.",
    colHealth: "Health", colSource: "Source", colRuns: "Runs", colActions: "Actions", runNow: "Run now", running: "Running…", ranOk: "{name}: listed {listed}, new {fresh}, documents stored {documents}.", ranFailed: "{name} failed: {error}", ranSame: "{name}: nothing changed since the last run.",
    remove: "Stop watching", confirmRemove: "Stop watching {name}? Its documents and projects stay.", confirmRemoveYes: "Yes, stop", removed: "Stopped watching {name}.", failingSince: "Failing since {since}", inARow: "{count} failed runs in a row", inARowOne: "1 failed run", why: "Why", everyLabel: "every {every}", nextRun: "next run",
  },
  es: {
    title: "Vigilancia", searches: "Búsquedas guardadas", noSearches: "Aún no hay búsquedas guardadas.", saveFromProjects: "Guarde una desde la página de proyectos", news: "Novedades", noNews: "Aún no hay novedades para esta búsqueda.", atom: "Feed Atom", sources: "Fuentes vigiladas", noSources: "Aún no se vigila ninguna fuente.", isNew: "Nuevo", changed: "Cambió", lastOk: "funcionó por última vez", never: "nunca", brought: "última ejecución", listed: "listados", fresh: "nuevos", documents: "documentos", failed: "fallidos", health: { ok: "Bien", quiet: "Silenciosa", failing: "Falla", never_run: "Sin ejecutar" }, everything: "todo",
    signInHint: "Guardar búsquedas y vigilar fuentes es tarea de editores: inicie sesión con su token. La lectura está abierta a todos.",
    alertsTo: "alertas a", noChannels: "novedades solo aquí y en el feed Atom", editAlerts: "Editar alertas", deleteSearch: "Eliminar", confirmDeleteSearch: "¿Eliminar «{name}» y sus novedades?", confirmDelete: "Sí, eliminar", cancel: "Cancelar", deletedSearch: "Se eliminó «{name}».",
    saveChanges: "Guardar las alertas", saving: "Guardando…", channelsSaved: "Se guardaron las alertas de «{name}».", keepSecret: "Déjelo vacío para conservar el secreto actual (o para que se cree uno para un webhook nuevo).",
    addTitle: "Vigilar una fuente", url: "Dirección (URL)", urlHint: "Un feed, un sitemap, la página de listado de un medio o un paquete OCDS.", every: "Cada cuánto", everyHint: "30m, 6h, 1d o 1w (al menos 5m).", kind: "Tipo", kindAuto: "Deducirlo de la primera respuesta", kinds: { rss: "Feed RSS", atom: "Feed Atom", sitemap: "Sitemap", listing: "Página de listado", ocds: "Paquete OCDS" }, sourceTitle: "Título (opcional)", country: "País (opcional)", countryHint: "Dos letras, como EC: para paquetes OCDS cuyos registros no lo dicen.", more: "Más opciones", add: "Vigilar", adding: "Comprobando la dirección…", added: "Ahora se vigila {name}.",
    colHealth: "Estado", colSource: "Fuente", colRuns: "Ejecuciones", colActions: "Acciones", runNow: "Ejecutar ahora", running: "Ejecutando…", ranOk: "{name}: listados {listed}, nuevos {fresh}, documentos guardados {documents}.", ranFailed: "{name} falló: {error}", ranSame: "{name}: nada cambió desde la última ejecución.",
    remove: "Dejar de vigilar", confirmRemove: "¿Dejar de vigilar {name}? Sus documentos y proyectos se conservan.", confirmRemoveYes: "Sí, dejar de vigilar", removed: "Se dejó de vigilar {name}.", failingSince: "Falla desde {since}", inARow: "{count} ejecuciones fallidas seguidas", inARowOne: "1 ejecución fallida", why: "Motivo", everyLabel: "cada {every}", nextRun: "próxima ejecución",
  },
  pt: {
    title: "Monitoramento", searches: "Buscas salvas", noSearches: "Ainda não há buscas salvas.", saveFromProjects: "Salve uma na página de projetos", news: "Novidades", noNews: "Ainda não há novidades para esta busca.", atom: "Feed Atom", sources: "Fontes monitoradas", noSources: "Nenhuma fonte é monitorada ainda.", isNew: "Novo", changed: "Mudou", lastOk: "funcionou pela última vez", never: "nunca", brought: "última execução", listed: "listados", fresh: "novos", documents: "documentos", failed: "com falha", health: { ok: "OK", quiet: "Silenciosa", failing: "Falhando", never_run: "Não executada" }, everything: "tudo",
    signInHint: "Salvar buscas e monitorar fontes é para editores: entre com seu token. A leitura é aberta a todos.",
    alertsTo: "alertas para", noChannels: "novidades só aqui e no feed Atom", editAlerts: "Editar alertas", deleteSearch: "Excluir", confirmDeleteSearch: "Excluir “{name}” e suas novidades?", confirmDelete: "Sim, excluir", cancel: "Cancelar", deletedSearch: "“{name}” foi excluída.",
    saveChanges: "Salvar os alertas", saving: "Salvando…", channelsSaved: "Os alertas de “{name}” foram salvos.", keepSecret: "Deixe vazio para manter o segredo atual (ou para que um seja criado para um novo webhook).",
    addTitle: "Monitorar uma fonte", url: "Endereço (URL)", urlHint: "Um feed, um sitemap, a página de listagem de um site de notícias ou um pacote OCDS.", every: "Frequência", everyHint: "30m, 6h, 1d ou 1w (pelo menos 5m).", kind: "Tipo", kindAuto: "Deduzir da primeira resposta", kinds: { rss: "Feed RSS", atom: "Feed Atom", sitemap: "Sitemap", listing: "Página de listagem", ocds: "Pacote OCDS" }, sourceTitle: "Título (opcional)", country: "País (opcional)", countryHint: "Duas letras, como EC: para pacotes OCDS cujos registros não dizem.", more: "Mais opções", add: "Monitorar", adding: "Verificando o endereço…", added: "Agora {name} é monitorada.",
    colHealth: "Estado", colSource: "Fonte", colRuns: "Execuções", colActions: "Ações", runNow: "Executar agora", running: "Executando…", ranOk: "{name}: listados {listed}, novos {fresh}, documentos salvos {documents}.", ranFailed: "{name} falhou: {error}", ranSame: "{name}: nada mudou desde a última execução.",
    remove: "Parar de monitorar", confirmRemove: "Parar de monitorar {name}? Seus documentos e projetos ficam.", confirmRemoveYes: "Sim, parar", removed: "{name} não é mais monitorada.", failingSince: "Falhando desde {since}", inARow: "{count} execuções com falha seguidas", inARowOne: "1 execução com falha", why: "Motivo", everyLabel: "a cada {every}", nextRun: "próxima execução",
  },
} as const;
type Strings = (typeof STRINGS)[keyof typeof STRINGS];

const when = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace("T", " ") : null);
const messageOf = (err: unknown) => (err instanceof ApiFailure || err instanceof Error ? err.message : String(err));

/** Seconds as the shortest exact unit: 21600 → "6h" (as `dsr watch list` says it). */
function formatEvery(seconds: number): string {
  for (const [unit, size] of [["w", 604_800], ["d", 86_400], ["h", 3600], ["m", 60]] as const) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(show).join(", ");
  const v = value as Record<string, unknown>;
  if (typeof v.value === "number" && typeof v.currency === "string") return `${v.currency} ${v.value.toLocaleString()}`;
  return Object.entries(v).map(([k, n]) => `${String(n)} ${k}`).join(", ");
}

/** Claims read from one sentence of one document, together: the quote and its source once. */
function byQuote(claims: AlertClaim[]): { quote: string; document: AlertClaim["document"]; claims: AlertClaim[] }[] {
  const groups = new Map<string, { quote: string; document: AlertClaim["document"]; claims: AlertClaim[] }>();
  for (const c of claims) {
    const key = `${c.document.id}\u0000${c.quote}`;
    const g = groups.get(key);
    if (g) g.claims.push(c);
    else groups.set(key, { quote: c.quote, document: c.document, claims: [c] });
  }
  return [...groups.values()];
}

function News({ search, s }: { search: Search; s: Strings }) {
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
              {byQuote(a.claims).map((g) => (
                <li key={g.claims[0]?.id}>
                  {g.claims.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 ? " · " : null}
                      <span className="watch-claim-field">{c.field}</span>: {show(c.value)}
                    </span>
                  ))}
                  <blockquote>“{g.quote}”</blockquote>
                  <small>
                    <Link to={`/documents/${encodeURIComponent(g.document.id)}`}>{g.document.citation}</Link>
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

const SEARCH_ORDER: readonly SearchField[] = ["webhookUrl", "webhookSecret", "email"];

/** Where a search's alerts go (PATCH /api/searches/:id): a cleared field removes the channel. */
function EditChannels({ search, s, onDone, onCancel }: { search: Search; s: Strings; onDone: (message: string) => void; onCancel: () => void }) {
  const { lang } = useLang();
  const c = CHANNELS[lang];
  const prefix = `edit-${search.id}`;
  const [form, setForm] = useState<SearchForm>({ name: search.name, webhookUrl: search.webhookUrl ?? "", webhookSecret: "", email: search.email ?? "" });
  const [errors, setErrors] = useState<Partial<Record<SearchField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (field: SearchField) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral(null);
    const local = Object.fromEntries(Object.entries(checkSearchForm(form, { requireName: false })).map(([k, p]) => [k, PROBLEMS[lang][p]])) as Partial<Record<SearchField, string>>;
    setErrors(local);
    if (Object.keys(local).length) return focusFirst(SEARCH_ORDER, local, prefix);
    const body = channelsPatch(form, { webhookUrl: search.webhookUrl ?? null, email: search.email ?? null });
    if (Object.keys(body).length === 0) return onCancel();
    setBusy(true);
    try {
      const r = await api<{ secret: string | null }>(`/api/searches/${encodeURIComponent(search.id)}`, { method: "PATCH", json: body });
      if (r.secret) setSecret(r.secret);
      else onDone(fill(s.channelsSaved, { name: search.name }));
    } catch (err) {
      const mapped = apiErrors(messageOf(err), SEARCH_ORDER, "search");
      setErrors(mapped.fields);
      setGeneral(mapped.general);
      focusFirst(SEARCH_ORDER, mapped.fields, prefix);
    } finally {
      setBusy(false);
    }
  };
  if (secret) {
    return (
      <div className="notice ok watch-inline">
        <p role="status">
          {fill(s.channelsSaved, { name: search.name })} {c.secretOnce} <code className="secret">{secret}</code>
        </p>
        <button type="button" className="button secondary small" onClick={() => onDone(fill(s.channelsSaved, { name: search.name }))}>
          OK
        </button>
      </div>
    );
  }
  return (
    <form className="watch-form watch-inline card" noValidate onSubmit={(e) => void submit(e)} aria-label={`${s.editAlerts}: ${search.name}`}>
      <Field id={`${prefix}-webhookUrl`} inputRef={first} label={c.webhookUrl} type="url" inputMode="url" value={form.webhookUrl} onValue={set("webhookUrl")} hint={c.webhookHint} error={errors.webhookUrl} placeholder="https://" />
      <Field id={`${prefix}-webhookSecret`} label={c.secret} value={form.webhookSecret} onValue={set("webhookSecret")} hint={search.hasSecret ? s.keepSecret : c.secretHint} error={errors.webhookSecret} autoComplete="off" spellCheck={false} />
      <Field id={`${prefix}-email`} label={c.email} type="email" inputMode="email" value={form.email} onValue={set("email")} hint={c.emailHint} error={errors.email} autoComplete="email" />
      {general ? (
        <p role="alert" className="notice error">
          {general}
        </p>
      ) : null}
      <div className="watch-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? s.saving : s.saveChanges}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {s.cancel}
        </button>
      </div>
    </form>
  );
}

/** A destructive action asked twice, inline (no pop-up): the question, then yes or cancel. */
function Confirm({ question, yes, no, busy, onYes, onNo }: { question: string; yes: string; no: string; busy: boolean; onYes: () => void; onNo: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="watch-confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button type="button" className="button danger small" disabled={busy} onClick={onYes}>
        {yes}
      </button>
      <button ref={cancel} type="button" className="button secondary small" onClick={onNo}>
        {no}
      </button>
    </div>
  );
}

function SearchItem({ search, chosen, s, canEdit, onChoose, onChanged }: { search: Search; chosen: boolean; s: Strings; canEdit: boolean; onChoose: () => void; onChanged: (message: string) => void }) {
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const back = () => {
    setMode("view");
    setTimeout(() => editButton.current?.focus(), 0);
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/searches/${encodeURIComponent(search.id)}`, { method: "DELETE" });
      onChanged(fill(s.deletedSearch, { name: search.name }));
      document.getElementById("watch-searches")?.focus();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  const channels = [search.webhookUrl ? `webhook ${search.webhookUrl}` : null, search.email ?? null].filter(Boolean).join(", ");
  return (
    <li className="watch-search" data-search={search.id}>
      <div className="watch-search-line">
        <button type="button" className="watch-search-name" aria-pressed={chosen} onClick={onChoose}>
          {search.name}
        </button>
        <small>
          {Object.entries(search.query).map(([k, v]) => `${k}=${v}`).join(" ") || s.everything} · {search.alerts}
          {canEdit ? ` · ${channels ? `${s.alertsTo} ${channels}` : s.noChannels}` : null}
        </small>
        {canEdit && mode === "view" ? (
          <span className="watch-actions">
            <button ref={editButton} type="button" className="button secondary small" aria-label={`${s.editAlerts}: ${search.name}`} onClick={() => setMode("edit")}>
              {s.editAlerts}
            </button>
            <button type="button" className="button danger small" aria-label={`${s.deleteSearch}: ${search.name}`} onClick={() => setMode("delete")}>
              {s.deleteSearch}
            </button>
          </span>
        ) : null}
      </div>
      {mode === "edit" ? (
        <EditChannels
          search={search}
          s={s}
          onCancel={back}
          onDone={(m) => {
            setMode("view");
            onChanged(m);
          }}
        />
      ) : null}
      {mode === "delete" ? <Confirm question={fill(s.confirmDeleteSearch, { name: search.name })} yes={s.confirmDelete} no={s.cancel} busy={busy} onYes={() => void remove()} onNo={back} /> : null}
      {error ? (
        <p role="alert" className="notice error">
          {error}
        </p>
      ) : null}
    </li>
  );
}

const SOURCE_ORDER: readonly SourceField[] = ["url", "every", "kind", "title", "country"];
const EMPTY_SOURCE: SourceForm = { url: "", every: "6h", kind: "", title: "", country: "" };

function AddSource({ s, onAdded }: { s: Strings; onAdded: (message: string) => void }) {
  const { lang } = useLang();
  const [form, setForm] = useState<SourceForm>(EMPTY_SOURCE);
  const [errors, setErrors] = useState<Partial<Record<SourceField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: SourceField) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral(null);
    const local = Object.fromEntries(Object.entries(checkSourceForm(form)).map(([k, p]) => [k, PROBLEMS[lang][p]])) as Partial<Record<SourceField, string>>;
    setErrors(local);
    if (Object.keys(local).length) return focusFirst(SOURCE_ORDER, local, "add-source");
    setBusy(true);
    try {
      const added = await api<Source>("/api/watch/sources", { method: "POST", json: sourceBody(form) });
      setForm(EMPTY_SOURCE);
      onAdded(fill(s.added, { name: added.title ?? added.url }));
      document.getElementById("add-source-url")?.focus();
    } catch (err) {
      const mapped = apiErrors(messageOf(err), SOURCE_ORDER, "source");
      setErrors(mapped.fields);
      setGeneral(mapped.general);
      focusFirst(SOURCE_ORDER, mapped.fields, "add-source");
    } finally {
      setBusy(false);
    }
  };
  const kindError = errors.kind;
  return (
    <form className="watch-form card" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="add-source-title">
      <h3 id="add-source-title">{s.addTitle}</h3>
      <div className="watch-form-row">
        <Field id="add-source-url" className="grow" label={s.url} type="url" inputMode="url" required value={form.url} onValue={set("url")} hint={s.urlHint} error={errors.url} placeholder="https://" />
        <Field id="add-source-every" className="narrow" label={s.every} value={form.every} onValue={set("every")} hint={s.everyHint} error={errors.every} autoComplete="off" spellCheck={false} />
      </div>
      <details className="watch-more" open={Boolean(errors.kind || errors.title || errors.country) || undefined}>
        <summary>{s.more}</summary>
        <div className="watch-form-row">
          <div className="watch-field kind">
            <label htmlFor="add-source-kind">{s.kind}</label>
            <select id="add-source-kind" value={form.kind} onChange={(e) => set("kind")(e.target.value)} aria-invalid={kindError ? true : undefined} aria-describedby={kindError ? "add-source-kind-error" : undefined}>
              <option value="">{s.kindAuto}</option>
              {SOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {s.kinds[k]}
                </option>
              ))}
            </select>
            {kindError ? (
              <p id="add-source-kind-error" className="watch-field-error">
                {kindError}
              </p>
            ) : null}
          </div>
          <Field id="add-source-title-input" className="grow" label={s.sourceTitle} value={form.title} onValue={set("title")} maxLength={300} />
          <Field id="add-source-country" className="narrow" label={s.country} value={form.country} onValue={set("country")} hint={s.countryHint} error={errors.country} maxLength={2} autoComplete="off" />
        </div>
      </details>
      {general ? (
        <p role="alert" className="notice error">
          {general}
        </p>
      ) : null}
      <div className="watch-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? s.adding : s.add}
        </button>
      </div>
    </form>
  );
}

function SourceRow({ src, s, canEdit, onChanged }: { src: Source; s: Strings; canEdit: boolean; onChanged: (message: string, removed?: boolean) => void }) {
  const [busy, setBusy] = useState<"run" | "remove" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [gone, setGone] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const name = src.title ?? src.url;
  const run = async () => {
    setBusy("run");
    setResult(null);
    try {
      const r = await api<RunSummary>(`/api/watch/sources/${encodeURIComponent(src.id)}/run`, { method: "POST" });
      const one = r.sources.find((x) => x.id === src.id) ?? r.sources[0];
      if (!one || one.outcome === "failed") setResult({ ok: false, text: fill(s.ranFailed, { name, error: one?.error ?? "?" }) });
      else if (one.outcome === "not_modified") setResult({ ok: true, text: fill(s.ranSame, { name }) });
      else setResult({ ok: true, text: fill(s.ranOk, { name, listed: one.counts.listed, fresh: one.counts.new, documents: one.counts.documents }) });
      onChanged("");
    } catch (err) {
      setResult({ ok: false, text: fill(s.ranFailed, { name, error: messageOf(err) }) });
    } finally {
      setBusy(null);
    }
  };
  const remove = async () => {
    setBusy("remove");
    try {
      await api(`/api/watch/sources/${encodeURIComponent(src.id)}`, { method: "DELETE" });
      setGone(true);
      onChanged(fill(s.removed, { name }), true);
      document.getElementById("watch-sources")?.focus();
    } catch (err) {
      setResult({ ok: false, text: messageOf(err) });
      setBusy(null);
    }
  };
  const failing = src.health === "failing";
  if (gone) return null;
  return (
    <tr data-health={src.health} data-source={src.id} className={failing ? "watch-failing" : undefined}>
      <td data-label={s.colHealth}>
        <span className={`watch-health-badge health-${src.health}`}>
          {failing ? <span aria-hidden="true">⚠ </span> : null}
          {s.health[src.health]}
        </span>
      </td>
      <td data-label={s.colSource}>
        <strong>{name}</strong> <small>({src.kind})</small>
        {src.title ? (
          <>
            <br />
            <small className="watch-url">{src.url}</small>
          </>
        ) : null}
        {failing && (src.failingSince || src.lastError) ? (
          <div className="watch-failure">
            {src.failingSince ? (
              <p>
                <strong>{fill(s.failingSince, { since: when(src.failingSince) ?? "" })}</strong>
                {src.failures ? ` · ${src.failures === 1 ? s.inARowOne : fill(s.inARow, { count: src.failures })}` : null}
              </p>
            ) : null}
            {src.lastError ? (
              <p>
                <strong>{s.why}:</strong> {src.lastError}
              </p>
            ) : null}
          </div>
        ) : (
          <>
            <br />
            <small>{src.healthNote}</small>
          </>
        )}
      </td>
      <td data-label={s.colRuns}>
        <small>
          {s.lastOk}: {when(src.lastOkAt) ?? s.never}
          {src.lastCounts ? ` · ${s.brought} ${when(src.lastRunAt)}: ${src.lastCounts.listed} ${s.listed}, ${src.lastCounts.new} ${s.fresh}, ${src.lastCounts.documents} ${s.documents}, ${src.lastCounts.failed} ${s.failed}` : ""}
          {src.everySeconds ? ` · ${fill(s.everyLabel, { every: formatEvery(src.everySeconds) })}` : ""}
          {src.nextRunAt ? `, ${s.nextRun} ${when(src.nextRunAt)}` : ""}
        </small>
        {result ? (
          <p role="status" className={`watch-run-result ${result.ok ? "ok" : "error"}`}>
            {result.text}
          </p>
        ) : null}
      </td>
      {canEdit ? (
        <td data-label={s.colActions} className="watch-row-actions">
          {confirming ? (
            <Confirm
              question={fill(s.confirmRemove, { name })}
              yes={s.confirmRemoveYes}
              no={s.cancel}
              busy={busy === "remove"}
              onYes={() => void remove()}
              onNo={() => {
                setConfirming(false);
                setTimeout(() => removeButton.current?.focus(), 0);
              }}
            />
          ) : (
            <span className="watch-actions">
              <button type="button" className="button small" disabled={busy !== null} aria-label={`${s.runNow}: ${name}`} onClick={() => void run()}>
                {busy === "run" ? s.running : s.runNow}
              </button>
              <button ref={removeButton} type="button" className="button danger small" disabled={busy !== null} aria-label={`${s.remove}: ${name}`} onClick={() => setConfirming(true)}>
                {s.remove}
              </button>
            </span>
          )}
        </td>
      ) : null}
    </tr>
  );
}

export default function WatchPage() {
  const { lang } = useLang();
  const s = STRINGS[lang as keyof typeof STRINGS] ?? STRINGS.en;
  const { canEdit, checking } = useSession();
  const [params, setParams] = useSearchParams();
  const searches = useApi<{ items: Search[] }>("/api/searches");
  const health = useApi<{ items: Source[] }>("/api/watch/health");
  const [searchNote, setSearchNote] = useState<string | null>(null);
  const [sourceNote, setSourceNote] = useState<string | null>(null);
  // Bumped after a run: the chosen search's news is read again (reading it collects what is new).
  const [newsVersion, setNewsVersion] = useState(0);
  // A session found after the first load shows editors the channels the anonymous answer hid.
  const reloadSearches = searches.reload;
  const wasEditor = useRef(canEdit);
  useEffect(() => {
    if (canEdit && !wasEditor.current) reloadSearches();
    wasEditor.current = canEdit;
  }, [canEdit, reloadSearches]);
  const list = searches.data?.items ?? [];
  const chosen = list.find((x) => x.id === params.get("search")) ?? list[0] ?? null;
  const sources = health.data?.items ?? [];
  return (
    <div className="page watch-page">
      <h1>{s.title}</h1>
      {!canEdit && !checking ? (
        <div className="notice watch-signin">
          <span>{s.signInHint}</span> <SignIn />
        </div>
      ) : null}
      <section aria-labelledby="watch-searches">
        <h2 id="watch-searches" tabIndex={-1}>
          {s.searches}
        </h2>
        {searches.state === "loading" && !searches.data ? <Loading slow={searches.slow} /> : null}
        {searches.state === "error" ? <Failed error={searches.error} onRetry={searches.reload} /> : null}
        {searches.state === "ready" && list.length === 0 ? (
          <Empty>
            {s.noSearches} <Link to="/projects">{s.saveFromProjects}</Link>
          </Empty>
        ) : null}
        <p role="status" className={searchNote ? "notice ok" : "visually-hidden"}>
          {searchNote}
        </p>
        <ul className="watch-searches">
          {list.map((x) => (
            <SearchItem
              key={x.id}
              search={x}
              chosen={chosen?.id === x.id}
              s={s}
              canEdit={canEdit}
              onChoose={() => setParams({ search: x.id })}
              onChanged={(m) => {
                setSearchNote(m);
                searches.reload();
              }}
            />
          ))}
        </ul>
      </section>
      {chosen ? <News key={`${chosen.id}:${newsVersion}`} search={chosen} s={s} /> : null}
      <section aria-labelledby="watch-sources">
        <h2 id="watch-sources" tabIndex={-1}>
          {s.sources}
        </h2>
        {canEdit ? (
          <AddSource
            s={s}
            onAdded={(m) => {
              setSourceNote(m);
              health.reload();
            }}
          />
        ) : null}
        <p role="status" className={sourceNote ? "notice ok" : "visually-hidden"}>
          {sourceNote}
        </p>
        {health.state === "loading" && !health.data ? <Loading slow={health.slow} /> : null}
        {health.state === "error" ? <Failed error={health.error} onRetry={health.reload} /> : null}
        {health.state === "ready" && sources.length === 0 ? <Empty>{s.noSources}</Empty> : null}
        {sources.length > 0 ? (
          <div className="table-wrap">
            <table className="watch-health">
              <caption className="visually-hidden">{s.sources}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.colHealth}</th>
                  <th scope="col">{s.colSource}</th>
                  <th scope="col">{s.colRuns}</th>
                  {canEdit ? <th scope="col">{s.colActions}</th> : null}
                </tr>
              </thead>
              <tbody>
                {sources.map((src) => (
                  <SourceRow
                    key={src.id}
                    src={src}
                    s={s}
                    canEdit={canEdit}
                    onChanged={(m) => {
                      if (m) setSourceNote(m);
                      health.reload();
                      searches.reload();
                      setNewsVersion((n) => n + 1);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
