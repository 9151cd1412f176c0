package org.cityplatform.exchange.records;

import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.cityplatform.exchange.problem.ProblemCode;

/**
 * The client of a push as the push needs it: a body it can pause and resume, told of its bytes,
 * its end and its client's leaving, and one answer. {@link HttpPushClient} is the HTTP request
 * and response; a test of the push's states can stand in for it without a server.
 */
interface PushClient {

    /** What the client's side tells the push; every call comes on the request's event loop. */
    interface Listener {

        void bytes(Buffer chunk);

        /** The client sent its last byte. */
        void bodyEnded();

        /** The request failed before its end (a reset, a broken connection). */
        void failed(Throwable cause);

        /** The connection closed: there is nobody left to answer. */
        void gone();
    }

    /** The body's {@code Content-Encoding}, null when it has none. */
    String contentEncoding();

    /** Whether the client waits for 100 Continue before it sends its body. */
    boolean expectsContinue();

    void listen(Listener listener);

    /** Whether the connection is already closed. */
    boolean gone();

    void pause();

    void resume();

    void writeContinue();

    /** 200 with the push's summary. */
    void ok(String summaryJson);

    /** A problem answer with the given extension members. */
    void problem(ProblemCode code, String detail, Map<String, Object> members);

    /** A problem answer for a failure (503 AUDIT_UNAVAILABLE and the like). */
    void problem(Throwable failure);

    /** The connection closes once the answer is out: the body was not read to its end. */
    void closeAfterAnswer();
}
