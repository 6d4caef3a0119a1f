package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Logger;

/**
 * leaktrace's replacement for {@code LoopThread} of rapaio-jupyter-kernel 3.0.1 (same package, name
 * and public API; {@code notebooks/run.sh} puts it before the kernel jar on the class path). Each of
 * the kernel's Shell, Control and Heartbeat channels polls its socket in one of these threads.
 *
 * <p>It fixes two start-up races of 3.0.1 that left a kernel whose heartbeat answered but which never
 * replied, so Jupyter waited until its start-up timeout:
 *
 * <ol>
 *   <li>3.0.1's {@code start()} calls {@code Thread.start()} and only then sets {@code running}; a
 *       thread scheduled before that saw {@code false} and ended at once, silently. Here
 *       {@code running} is set first.
 *   <li>{@code Channels.connect} binds the sockets before it creates its handler map. The client
 *       repeats {@code kernel_info_request} every second until it gets a reply, and ZeroMQ queues
 *       those requests, so some arrive as soon as the Shell socket is bound. One read before the map
 *       exists threw a NullPointerException that ended 3.0.1's thread. Here a failed poll is logged
 *       and the loop goes on; the client repeats the dropped request.
 * </ol>
 *
 * <p>A loop that still cannot go on (an {@link Error}, or {@value #MAX_FAILURES} failed polls in a
 * row) stops the kernel process, so the client reports a dead kernel at once instead of waiting.
 */
public final class LoopThread extends Thread {

  private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());
  private static final int MAX_FAILURES = 20;
  private static final int EXIT_BROKEN_CHANNEL = 70;

  private volatile boolean running;
  private final long sleep;
  private final Runnable loopBody;

  public LoopThread(String name, long sleep, Runnable loopBody) {
    super(name);
    this.sleep = sleep;
    this.loopBody = loopBody;
  }

  @Override
  public void run() {
    int failures = 0;
    while (running) {
      try {
        loopBody.run();
        failures = 0;
      } catch (RuntimeException e) {
        failures++;
        LOGGER.warning("[" + getName() + "] poll failed (" + failures + " in a row), going on: " + e);
        if (failures >= MAX_FAILURES) {
          halt("[" + getName() + "] " + failures + " polls failed in a row", e);
        }
      } catch (Error e) {
        halt("[" + getName() + "] " + e, e);
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        running = false;
      }
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    super.start();
  }

  public void shutdown() {
    running = false;
  }

  private static void halt(String why, Throwable e) {
    System.err.println("kernel: a channel cannot go on, stopping the kernel: " + why);
    e.printStackTrace();
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_BROKEN_CHANNEL);
  }
}
