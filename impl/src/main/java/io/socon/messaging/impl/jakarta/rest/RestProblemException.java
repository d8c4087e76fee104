package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.impl.jakarta.rest.json.ProblemJson;

/**
 * A REST failure that already is a problem (bad JSON, a missing member, no signed-in user). It is a
 * {@link MessagingException} with the problem's code, so {@link MessagingExceptionMapper} answers it when it
 * escapes a resource; {@link Problems} sends its problem unchanged (its status may differ from the code's
 * usual one).
 */
public final class RestProblemException extends MessagingException {

    private static final long serialVersionUID = 1L;

    private final transient ProblemJson problem;

    /** @param problem the problem to answer with; its {@code code} is an {@link ErrorCode} name */
    public RestProblemException(ProblemJson problem) {
        super(ErrorCode.valueOf(problem.code()), problem.detail());
        this.problem = problem;
    }

    /** A client error with this code (its status from the contract's table) and detail. */
    public static RestProblemException of(ErrorCode code, String detail) {
        return new RestProblemException(Problems.of(code, detail));
    }

    /** {@code 400 INVALID_ARGUMENT}. */
    public static RestProblemException badRequest(String detail) {
        return of(ErrorCode.INVALID_ARGUMENT, detail);
    }

    /** {@code 401 IDENTITY_NOT_AVAILABLE}: the request has no host user. */
    public static RestProblemException unauthenticated() {
        return of(ErrorCode.IDENTITY_NOT_AVAILABLE, "this request has no signed-in user; sign in first");
    }

    /** The problem this exception answers with. */
    public ProblemJson problem() {
        return problem;
    }
}
