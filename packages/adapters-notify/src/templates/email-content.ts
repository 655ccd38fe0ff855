/** A link the reader is asked to follow; only http(s) so a template can never carry a script URL. */
export interface EmailAction {
  readonly label: string;
  readonly url: string;
}

/**
 * What an e-mail says, once. The plain-text and the HTML bodies are both
 * rendered from it, so the two can never disagree on a figure.
 */
export interface EmailContent {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  /** Label/value pairs shown as a table (the figures the reader may need to quote). */
  readonly facts?: readonly (readonly [label: string, value: string])[];
  readonly action?: EmailAction;
  /** Paragraphs after the facts and the action (e.g. what happens next). */
  readonly closing?: readonly string[];
}

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
