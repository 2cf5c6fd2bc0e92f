import { urlPatternSchema } from '../../shared/schemas/directory';

/** The URL patterns typed in a box, one per line (or separated by spaces or commas). */
export function splitPatterns(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** What is wrong with the first pattern that is not a browser match pattern, in words; null if none. */
export function patternProblem(patterns: readonly string[]): string | null {
  const bad = patterns.find((p) => !urlPatternSchema.safeParse(p).success);
  return bad ? `“${bad}” is not a URL pattern. Write it like https://app.example.com/admin/*` : null;
}
