package io.leadsuite.common.outbox;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code traceparent} of an outbox event: taken from the current span when the event is
 * written, made current again when the relay publishes it, so that the producer span of the Kafka
 * record (and every consumer after it) belongs to the trace of the request that made the change.
 */
final class TraceParent {

    private static final String HEADER = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private TraceParent() {}

    /** The current span's {@code traceparent}, or {@code null} outside a trace (W3C injects nothing then). */
    static @Nullable String current() {
        Map<String, String> headers = new HashMap<>();
        W3C.inject(Context.current(), headers, Map::put);
        return headers.get(HEADER);
    }

    /** Makes {@code traceparent} the current context until the scope closes; nothing when absent. */
    static Scope resume(@Nullable String traceparent) {
        if (traceparent == null) {
            return Scope.noop();
        }
        Context remote = W3C.extract(Context.root(), Map.of(HEADER, traceparent), new MapGetter());
        return remote.makeCurrent();
    }

    private static final class MapGetter implements TextMapGetter<Map<String, String>> {

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
