package org.cityplatform.exchange.records;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cityplatform.exchange.problem.Failures;
import org.cityplatform.exchange.problem.ProblemCode;

/**
 * The client side of a push without HTTP: it records what the push does to its body (pause,
 * resume) and every answer it gives, and the test speaks for the client through {@link #listener}.
 */
final class FakePushClient implements PushClient {

    /** One answer as the client would read it. */
    record Answer(int status, ProblemCode code, String detail, Map<String, Object> members) {
    }

    private final String contentEncoding;
    final List<String> flow = new CopyOnWriteArrayList<>();
    final List<Answer> answers = new CopyOnWriteArrayList<>();
    volatile Listener listener;
    // A route pauses the request before the push starts.
    volatile boolean paused = true;
    volatile boolean gone;
    volatile boolean closesAfterAnswer;

    FakePushClient(String contentEncoding) {
        this.contentEncoding = contentEncoding;
    }

    @Override
    public String contentEncoding() {
        return contentEncoding;
    }

    @Override
    public boolean expectsContinue() {
        return false;
    }

    @Override
    public void listen(Listener listener) {
        this.listener = listener;
    }

    @Override
    public boolean gone() {
        return gone;
    }

    @Override
    public void pause() {
        paused = true;
        flow.add("pause");
    }

    @Override
    public void resume() {
        paused = false;
        flow.add("resume");
    }

    @Override
    public void writeContinue() {
        flow.add("continue");
    }

    @Override
    public void ok(String summaryJson) {
        answers.add(new Answer(200, null, null, new JsonObject(summaryJson).getMap()));
    }

    @Override
    public void problem(ProblemCode code, String detail, Map<String, Object> members) {
        answers.add(new Answer(code.status(), code, detail, members));
    }

    @Override
    public void problem(Throwable failure) {
        ProblemCode code = Failures.codeOf(failure);
        answers.add(new Answer(code.status(), code, failure.getMessage(), Map.of()));
    }

    @Override
    public void closeAfterAnswer() {
        closesAfterAnswer = true;
    }
}
