import type { UseCases } from '@tradesense/application';
import type { PlatformTracing } from './platform-tracing.js';

/**
 * The use cases with every method call in a span named `<use case>.<method>`
 * (`registerUser.execute`), so a trace shows which use case a request or a
 * job ran between the HTTP spans and the database spans. The use cases stay
 * free of tracing code; with tracing off they are returned untouched.
 */
export function traceUseCases(useCases: UseCases, tracing: PlatformTracing): UseCases {
  if (!tracing.enabled) return useCases;
  const traced: Record<string, unknown> = {};
  for (const [name, useCase] of Object.entries(useCases)) traced[name] = traceObject(name, useCase as object, tracing);
  return traced as UseCases;
}

function traceObject(name: string, target: object, tracing: PlatformTracing): object {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor') return value;
      let traced = wrapped.get(property);
      if (!traced) {
        const method = value as (...args: unknown[]) => unknown;
        const spanName = `${name}.${property}`;
        traced = (...args: unknown[]) => tracing.inSpan(spanName, () => method.apply(object, args), { attributes: { 'tradesense.use_case': name } });
        wrapped.set(property, traced);
      }
      return traced;
    },
  });
}
