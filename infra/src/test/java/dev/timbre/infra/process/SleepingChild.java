package dev.timbre.infra.process;

/** A child main that would run forever: only {@link ParentWatch} can end it. */
public final class SleepingChild {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("child started " + String.join(",", args));
        Thread.sleep(Long.MAX_VALUE);
    }

    private SleepingChild() {
    }
}
