// Strings of the watch forms in the three languages, kept with the watch code (like the watch page's
// own) so the shared message files stay as they are. The form's checks (logic.ts) name a Problem;
// these say it. Used by the projects page's "Save this search" and by the watch page.
import type { Lang } from "../../i18n/detect";
import type { Problem } from "./logic";

export const PROBLEMS: Record<Lang, Record<Problem, string>> = {
  en: {
    required: "This is required.",
    name: "Use letters, digits, spaces and . _ ' ( ) -, starting with a letter or digit (at most 100).",
    url: "Enter an http(s) address, such as https://example.org/feed.xml.",
    secretShort: "A secret has at least 16 characters (or leave it empty and one is made).",
    secretAlone: "A secret goes with a webhook URL: add one, or leave the secret empty.",
    email: "Enter an e-mail address, such as ana@example.org.",
    every: "Enter how often, such as 30m, 6h, 1d or 1w (at least 5m).",
    country: "Enter a two-letter country code, such as EC.",
  },
  es: {
    required: "Este campo es obligatorio.",
    name: "Use letras, dígitos, espacios y . _ ' ( ) -, empezando por una letra o un dígito (100 como máximo).",
    url: "Escriba una dirección http(s), como https://example.org/feed.xml.",
    secretShort: "El secreto tiene al menos 16 caracteres (o déjelo vacío y se crea uno).",
    secretAlone: "El secreto acompaña a un webhook: añada su URL o deje el secreto vacío.",
    email: "Escriba una dirección de correo, como ana@example.org.",
    every: "Indique cada cuánto, como 30m, 6h, 1d o 1w (al menos 5m).",
    country: "Escriba un código de país de dos letras, como EC.",
  },
  pt: {
    required: "Este campo é obrigatório.",
    name: "Use letras, dígitos, espaços e . _ ' ( ) -, começando por uma letra ou um dígito (no máximo 100).",
    url: "Digite um endereço http(s), como https://example.org/feed.xml.",
    secretShort: "O segredo tem pelo menos 16 caracteres (ou deixe-o vazio e um é criado).",
    secretAlone: "O segredo acompanha um webhook: adicione a URL ou deixe o segredo vazio.",
    email: "Digite um endereço de e-mail, como ana@example.org.",
    every: "Indique a frequência, como 30m, 6h, 1d ou 1w (pelo menos 5m).",
    country: "Digite um código de país de duas letras, como EC.",
  },
};

/** The channels of a saved search (the save form and the watch page's edit form). */
export const CHANNELS = {
  en: {
    alerts: "Alerts (optional)",
    webhookUrl: "Webhook URL",
    webhookHint: "Each digest is POSTed here as JSON, signed with the secret.",
    secret: "Webhook secret",
    secretHint: "At least 16 characters. Leave it empty and one is made for you, shown once.",
    email: "E-mail",
    emailHint: "Digests are mailed here when the server can send mail.",
    secretOnce: "The webhook secret, shown this once (copy it now):",
    fix: "Some fields need a look: see the messages beside them.",
  },
  es: {
    alerts: "Alertas (opcional)",
    webhookUrl: "URL del webhook",
    webhookHint: "Cada resumen se envía aquí por POST en JSON, firmado con el secreto.",
    secret: "Secreto del webhook",
    secretHint: "Al menos 16 caracteres. Si lo deja vacío se crea uno, que se muestra una sola vez.",
    email: "Correo electrónico",
    emailHint: "Los resúmenes se envían aquí cuando el servidor puede enviar correo.",
    secretOnce: "El secreto del webhook, que se muestra solo esta vez (cópielo ahora):",
    fix: "Revise los campos marcados: vea los mensajes junto a ellos.",
  },
  pt: {
    alerts: "Alertas (opcional)",
    webhookUrl: "URL do webhook",
    webhookHint: "Cada resumo é enviado aqui por POST em JSON, assinado com o segredo.",
    secret: "Segredo do webhook",
    secretHint: "Pelo menos 16 caracteres. Se ficar vazio, um é criado e mostrado uma única vez.",
    email: "E-mail",
    emailHint: "Os resumos são enviados aqui quando o servidor pode enviar e-mail.",
    secretOnce: "O segredo do webhook, mostrado só desta vez (copie-o agora):",
    fix: "Alguns campos precisam de atenção: veja as mensagens ao lado deles.",
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** The projects page's "Save this search". */
export const SAVE = {
  en: {
    open: "Save this search",
    title: "Save this search",
    lede: "A saved search collects the new evidence on the projects these filters match; its news is on the watch page.",
    filters: "Filters saved",
    everything: "All projects (no filter)",
    name: "Name",
    nameHint: "For example: Surveillance in Ecuador",
    submit: "Save the search",
    saving: "Saving…",
    cancel: "Cancel",
    saved: "Saved “{name}”.",
    seeNews: "See its news on the watch page",
    another: "Save another search",
  },
  es: {
    open: "Guardar esta búsqueda",
    title: "Guardar esta búsqueda",
    lede: "Una búsqueda guardada reúne la nueva evidencia sobre los proyectos que cumplen estos filtros; sus novedades están en la página de vigilancia.",
    filters: "Filtros guardados",
    everything: "Todos los proyectos (sin filtro)",
    name: "Nombre",
    nameHint: "Por ejemplo: Vigilancia en Ecuador",
    submit: "Guardar la búsqueda",
    saving: "Guardando…",
    cancel: "Cancelar",
    saved: "Se guardó «{name}».",
    seeNews: "Ver sus novedades en la página de vigilancia",
    another: "Guardar otra búsqueda",
  },
  pt: {
    open: "Salvar esta busca",
    title: "Salvar esta busca",
    lede: "Uma busca salva reúne a nova evidência sobre os projetos que estes filtros encontram; suas novidades ficam na página de monitoramento.",
    filters: "Filtros salvos",
    everything: "Todos os projetos (sem filtro)",
    name: "Nome",
    nameHint: "Por exemplo: Vigilância no Equador",
    submit: "Salvar a busca",
    saving: "Salvando…",
    cancel: "Cancelar",
    saved: "“{name}” foi salva.",
    seeNews: "Ver as novidades na página de monitoramento",
    another: "Salvar outra busca",
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** Fills {name}-style holes (React escapes what it renders; nothing here is HTML). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
