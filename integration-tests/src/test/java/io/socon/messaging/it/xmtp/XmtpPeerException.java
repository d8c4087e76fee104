package io.socon.messaging.it.xmtp;

/** A call to an {@link XmtpPeer} that did not succeed; {@link #reason()} says why. */
public final class XmtpPeerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a call failed. */
    public enum Reason {
        /** The peer process could not start or could not load the SDK. */
        STARTUP,
        /** The peer answered {@code ok:false}: libxmtp (or the peer) refused; {@link #peerError()} has its message. */
        REJECTED,
        /** No answer within the call's timeout; the peer is still running. */
        TIMEOUT,
        /** The peer process is gone (it exited, or was closed). */
        DIED
    }

    private final Reason reason;
    private final String command;
    private final String peerError;

    XmtpPeerException(Reason reason, String command, String message, String peerError) {
        super(message);
        this.reason = reason;
        this.command = command;
        this.peerError = peerError;
    }

    public Reason reason() {
        return reason;
    }

    /** The command that failed, or {@code null} for a startup failure. */
    public String command() {
        return command;
    }

    /** For {@link Reason#REJECTED}: the error text the peer sent (libxmtp's own message); else {@code null}. */
    public String peerError() {
        return peerError;
    }
}
