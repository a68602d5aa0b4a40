package io.leadsuite.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    @Test
    void outsideATraceThereIsNone() {
        assertThat(TraceParent.current()).isNull();
    }

    @Test
    void insideASpanItIsThatSpansW3cTraceparent() {
        SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());

        try (Scope scope = Context.root().with(Span.wrap(span)).makeCurrent()) {
            assertThat(TraceParent.current()).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
        }
    }

    @Test
    void resumingMakesTheStoredContextCurrentUntilTheScopeCloses() {
        try (Scope scope = TraceParent.resume("00-" + TRACE_ID + "-" + SPAN_ID + "-01")) {
            SpanContext current = Span.current().getSpanContext();
            assertThat(current.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(current.getSpanId()).isEqualTo(SPAN_ID);
            assertThat(current.isRemote()).isTrue();
        }
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void resumingNothingChangesNothing() {
        try (Scope scope = TraceParent.resume(null)) {
            assertThat(Span.current().getSpanContext().isValid()).isFalse();
        }
    }
}
