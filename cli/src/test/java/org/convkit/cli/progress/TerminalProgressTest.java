package org.convkit.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bar is drawn only once a batch has run for {@link TerminalProgress#DELAY}, then with the counts so far. */
class TerminalProgressTest {
    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void aBatchDoneBeforeTheDelayDrawsNoBar() {
        TerminalProgress p = new TerminalProgress("filter", clock::get);
        p.addTotal(3);
        p.step();
        p.step();
        clock.addAndGet(TerminalProgress.DELAY.toNanos() - 1);
        p.step();
        assertFalse(p.drawn());
        p.close();
    }

    @Test
    void aLongerBatchDrawsTheBarWithWhatIsDoneAlready() {
        TerminalProgress p = new TerminalProgress("filter", clock::get);
        p.addTotal(4);
        p.step();
        clock.addAndGet(TerminalProgress.DELAY.toNanos());
        p.step();
        assertTrue(p.drawn());
        assertEquals(2, p.doneOnBar());
        assertEquals(4, p.totalOnBar());
        p.addTotal(1);
        p.step();
        assertEquals(3, p.doneOnBar());
        assertEquals(5, p.totalOnBar());
        p.close();
    }
}
