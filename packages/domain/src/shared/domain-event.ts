/**
 * Something that happened to an aggregate. `occurredAt` is the instant the
 * caller passed in (the domain never reads the clock); the payload holds plain
 * serialisable values (amounts as decimal strings).
 */
export interface DomainEvent<TType extends string = string, TPayload extends object = Record<string, unknown>> {
  readonly type: TType;
  readonly aggregateId: string;
  readonly occurredAt: Date;
  readonly payload: TPayload;
}
