import { createHash } from 'node:crypto';
import { parsePolicy } from '../loading/parse-policy';
import { PolicyError } from '../policy-error';
import { appendVersion, type PolicyHistory, type PolicyPublication } from './policy-history';

/** A policy file's text as published, with its publication instant (epoch ms). */
export interface PublishedText {
  readonly text: string;
  readonly publishedAt: number;
}

/** A history rebuilt from published texts, and the texts it had to pass over (with why). */
export interface PublishedHistory {
  /** Null while nothing valid was published. */
  readonly history: PolicyHistory | null;
  readonly skipped: readonly { readonly index: number; readonly error: PolicyError }[];
}

/** SHA-256 of a policy file's text (hex): the same text is the same publication. */
export function policyDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A text as a publication: validated, its digest computed.
 *
 * @throws PolicyError `POLICY.INVALID` naming every issue.
 */
export function publicationOf(text: string, source: string, publishedAt: number): PolicyPublication {
  return { policy: parsePolicy(text, source), publishedAt, digest: policyDigest(text) };
}

/**
 * Adds a publication to a history, or starts one. Returns null when it changes nothing (the same
 * text already published under its version): what makes two services racing to publish the same
 * file one publication.
 *
 * @throws PolicyError `POLICY.VERSION_EXISTS`, `POLICY.REPLACES_UNKNOWN` (`appendVersion`)
 */
export function withPublication(history: PolicyHistory | null, publication: PolicyPublication): PolicyHistory | null {
  if (history === null) {
    if (publication.policy.replaces !== undefined) appendVersion({ versions: [] }, publication);
    return { versions: [publication] };
  }
  const next = appendVersion(history, publication);
  return next === history ? null : next;
}

/**
 * The history that the published texts make, in publication order. A text that no longer
 * validates, or that `appendVersion` refuses (another text under a published version, written by
 * a publisher that did not check), is passed over: the versions before and after it still hold.
 */
export function historyOfPublished(texts: readonly PublishedText[], source: string): PublishedHistory {
  let history: PolicyHistory | null = null;
  const skipped: { index: number; error: PolicyError }[] = [];
  texts.forEach((published, index) => {
    try {
      history = withPublication(history, publicationOf(published.text, `${source}[${index}]`, published.publishedAt)) ?? history;
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      skipped.push({ index, error });
    }
  });
  return { history, skipped };
}
