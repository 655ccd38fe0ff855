/**
 * A typed dependency-injection token. Ports declare one next to their
 * interface; the composition root binds an implementation to it. The type
 * parameter only exists at compile time, so use cases stay free of any DI
 * library and embedding teams can wire them by hand.
 */
export type Token<T> = symbol & { readonly __port?: T };

export const token = <T>(name: string): Token<T> => Symbol.for(`tradesense.${name}`) as Token<T>;
