package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CommitOrderTest {

    @Test
    void savesOfOneConversationPublishInTheOrderTheyTookTheirTurn() throws Exception {
        CommitOrder order = new CommitOrder(4);
        List<Integer> published = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        Object commitLock = new Object(); // stands for the conversation's row lock: one commit at a time
        int[] committed = {0};
        for (int t = 0; t < 8; t++) {
            running.add(threads.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    CommitOrder.Turn turn;
                    int number;
                    synchronized (commitLock) {
                        turn = order.turn("CONV-1");
                        number = ++committed[0];
                    }
                    turn.committed(() -> published.add(number)); // drained one at a time: no lock needed
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        threads.shutdown();
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 1_600; i++) {
            expected.add(i);
        }
        assertThat(published).isEqualTo(expected);
    }

    @Test
    void aPublicationThatSavesAgainOnlyQueuesBehindItself() throws InterruptedException {
        CommitOrder order = new CommitOrder(1);
        List<String> published = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread saver = new Thread(() -> {
            order.turn("CONV-1").committed(() -> {
                published.add("first");
                order.turn("CONV-2").committed(() -> published.add("reply")); // same stripe, same thread
                published.add("first done");
            });
            done.countDown();
        });
        saver.start();
        done.await();
        assertThat(published).isEqualTo(List.of("first", "first done", "reply"));
    }

    @Test
    void aTurnGivenBackWithoutCommitLetsTheNextSaveIn() {
        CommitOrder order = new CommitOrder(1);
        order.turn("CONV-1").release();
        List<String> published = new ArrayList<>();
        order.turn("CONV-1").committed(() -> published.add("next"));
        assertThat(published).isEqualTo(List.of("next"));
    }
}
