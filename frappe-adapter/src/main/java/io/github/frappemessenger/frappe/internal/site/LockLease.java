package io.github.frappemessenger.frappe.internal.site;

/**
 * What a holder of a {@link RedisConversationLock} knows about its hold, for {@link SenderConversations#create}: may
 * it take its insert to be the sender's only one? It may when both hold:
 * <ul>
 *   <li><b>no earlier holder was still at work</b> when the lock was taken ({@code earlierHolders == 0}): every holder
 *   is listed in Redis from taking the lock until its action has returned normally, so a holder whose lock expired
 *   while an insert of its own was still on its way — or whose action failed with its insert's outcome unknown — is
 *   still listed, and whoever takes the lock after it sees it;</li>
 *   <li><b>the lease has not run out</b>: less than {@code trustedNanos} have passed on this JVM's monotonic clock
 *   since just before the lock was asked for (the lock's TTL less a margin), so no later holder can have taken it
 *   yet.</li>
 * </ul>
 * Then nobody else can have searched and inserted for the sender between this holder's search and its insert's
 * answer, and the re-read for a duplicate is not needed. Immutable.
 *
 * @param takenAtNanos   {@link System#nanoTime()} just before the successful attempt to take the lock was sent
 * @param trustedNanos   how long after that the lock is surely still held (its TTL less the margin)
 * @param earlierHolders holders of the same key listed as still at work when it was taken
 */
record LockLease(long takenAtNanos, long trustedNanos, long earlierHolders) {
    /** The lease of a lock that proves nothing across processes (in-JVM, none): never the sole holder. */
    static final LockLease UNPROVEN = new LockLease(0, 0, 1);

    /** Whether this holder has been the lock's only one, with no earlier holder at work, up to now. */
    boolean soleHolder() {
        return earlierHolders == 0 && System.nanoTime() - takenAtNanos < trustedNanos;
    }
}
