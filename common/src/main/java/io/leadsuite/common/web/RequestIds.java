package io.leadsuite.common.web;

import io.micrometer.context.ContextRegistry;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The request id that follows a call from the gateway through every service: the {@code X-Request-Id}
 * header, the Reactor context and the logging MDC share one name.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    /** Key in the Reactor context and in the logging MDC. */
    public static final String KEY = "requestId";

    /** Ids a client may choose: short, and safe to echo in headers and logs. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private RequestIds() {}

    static boolean isAcceptable(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches();
    }

    /**
     * Lets Reactor's automatic context propagation copy the request id from the subscriber context
     * into the MDC of whichever thread runs an operator, so every log line carries it.
     */
    static void registerMdcPropagation() {
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(KEY, () -> MDC.get(KEY), id -> MDC.put(KEY, id), () -> MDC.remove(KEY));
    }
}
