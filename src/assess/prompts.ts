// The questionnaire as terminal prompts: one question at a time, options numbered, the project's
// implied answer offered as the default. The terminal is injected (`ask`, `say`), so the loop is
// tested with a script of replies and the CLI passes node:readline.
import { type AnswerValue, type Answers, answerLabel, answerProblem } from "./answers.js";
import { type Question, type Questionnaire, optionsOf } from "./questionnaire.js";

export interface Terminal {
  /** Shows `prompt` and resolves with the line typed. */
  ask(prompt: string): Promise<string>;
  /** Writes a message (the CLI sends prompts to stderr, keeping stdout for data). */
  say(text: string): void;
}

const SKIP = "-";

/** Reads one reply into a value for the question, or a problem to show. */
export function parseReply(question: Question, reply: string): { value: AnswerValue } | { problem: string } {
  const options = optionsOf(question);
  const pick = (token: string): string | null => {
    const n = Number(token);
    if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1]?.id ?? null;
    return options.find((o) => o.id === token)?.id ?? null;
  };
  let value: unknown;
  switch (question.type) {
    case "single":
    case "control": {
      value = pick(reply);
      if (value === null) return { problem: `type a number from 1 to ${options.length}` };
      break;
    }
    case "multi": {
      const tokens = reply.split(/[,\s]+/).filter(Boolean);
      const picked = tokens.map(pick);
      if (picked.some((p) => p === null)) return { problem: `type numbers from 1 to ${options.length}, separated by commas` };
      value = [...new Set(picked as string[])];
      break;
    }
    case "boolean":
      if (/^(y|yes|s|si|sí|sim|true)$/i.test(reply)) value = true;
      else if (/^(n|no|não|nao|false)$/i.test(reply)) value = false;
      else return { problem: "type y or n" };
      break;
    case "number":
      value = Number(reply.replace(",", "."));
      break;
    case "country":
      value = reply.toUpperCase();
      break;
    case "text":
      value = reply;
      break;
  }
  const problem = answerProblem(question, value);
  return problem ? { problem } : { value: value as AnswerValue };
}

/**
 * Asks every question in order. Enter keeps the default (the project's implied answer, shown in
 * brackets) or leaves the question unanswered; "-" clears a default. Returns the answers given.
 */
export async function askQuestionnaire(q: Questionnaire, defaults: Answers, term: Terminal): Promise<Answers> {
  const out: Answers = {};
  term.say(`Questionnaire ${q.version}: Enter keeps the [default] or skips; "-" leaves a question unanswered.\n`);
  for (const section of q.sections) {
    term.say(`\n== ${section.title} ==\n${section.description ? `${section.description}\n` : ""}`);
    for (const question of section.questions) {
      const options = optionsOf(question);
      const lines = [`\n${question.text}${question.help ? `\n  (${question.help})` : ""}`];
      options.forEach((o, i) => lines.push(`  ${i + 1}. ${o.label}`));
      term.say(lines.join("\n") + "\n");
      const current = defaults[question.id];
      const shown = answerLabel(question, current);
      const hint = question.type === "multi" ? "numbers, comma-separated" : options.length ? "number" : question.type === "country" ? "e.g. CN" : "";
      for (;;) {
        const reply = (await term.ask(`${question.id}${hint ? ` (${hint})` : ""}${shown ? ` [${shown}]` : ""}: `)).trim();
        if (reply === "") {
          if (current !== undefined) out[question.id] = current;
          break;
        }
        if (reply === SKIP) break;
        const parsed = parseReply(question, reply);
        if ("value" in parsed) {
          out[question.id] = parsed.value;
          break;
        }
        term.say(`  ${parsed.problem}\n`);
      }
    }
  }
  return out;
}
