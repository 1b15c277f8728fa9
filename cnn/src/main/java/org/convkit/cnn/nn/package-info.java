/**
 * Networks built from an architecture spec, and what the CLI needs to train, evaluate and save them.
 *
 * <pre>{@code
 * Network net = Network.build("vgg-small", new int[] {1, 28, 28}, 10, seed);  // or a spec string
 * Summary s = net.summary();                       // rows: name, layer, output shape, params; totals
 * Optimizer opt = new Sgd(net.parameters(), lr, 0.9, true, 5e-4);   // or Adam.adam / Adam.adamW
 * LrSchedule sched = LrSchedule.cosine(lr, totalSteps, 0);           // step, oneCycle, warmup
 * net.setLabelSmoothing(0.1f);
 * for each batch:  opt.setLr(sched.lr(net.steps()));
 *                  StepResult r = net.trainStep(x, labels, opt);    // x: [N, C, H, W] view, no copy needed
 * Tensor logits = net.predict(x);                  // evaluation mode; a reused buffer
 * Map<String, Tensor> sd = net.stateDict();        // PyTorch names/shapes; live tensors
 * net.loadStateDict(sd);                           // strict: names and shapes must match
 * opt.state() / opt.loadState(m); net.steps() / net.setSteps(t)     // for --resume
 * }</pre>
 * {@link org.convkit.cnn.nn.Network#isIntegerState} marks the int64 entries ({@code num_batches_tracked}).
 */
package org.convkit.cnn.nn;
