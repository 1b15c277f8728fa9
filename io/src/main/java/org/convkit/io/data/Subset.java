package org.convkit.io.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A view of some samples of a data set, in the data set's order: the first N, or a stratified sample. */
final class Subset implements DataSet {
    private final DataSet base;
    private final int[] index;
    private final String how;

    private Subset(DataSet base, int[] index, String how) {
        this.base = base;
        this.index = index;
        this.how = how;
    }

    /** The first {@code n} samples (all when there are fewer). */
    static DataSet first(DataSet base, int n) {
        int m = Math.min(n, base.size());
        int[] idx = new int[m];
        Arrays.setAll(idx, i -> i);
        return new Subset(base, idx, "first " + m);
    }

    /**
     * {@code n} samples drawn without replacement so that each class keeps its share (largest-remainder
     * rounding of {@code n * count_c / total}); the same seed gives the same sample. Kept in data-set order.
     */
    static DataSet stratified(DataSet base, int n, long seed) {
        int total = base.size();
        int m = Math.min(n, total);
        int k = base.classes().size();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < total; i++) {
            int label = base.label(i);
            while (label >= byClass.size()) {
                byClass.add(new ArrayList<>());
            }
            byClass.get(label).add(i);
        }
        int classes = byClass.size();
        int[] take = new int[classes];
        double[] remainder = new double[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            double share = (double) m * byClass.get(c).size() / total;
            take[c] = (int) Math.floor(share);
            remainder[c] = share - take[c];
            given += take[c];
        }
        Integer[] order = new Integer[classes];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]) != 0
                ? Double.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        for (int j = 0; given < m; j = (j + 1) % classes) {
            int c = order[j];
            if (take[c] < byClass.get(c).size()) {
                take[c]++;
                given++;
            }
        }
        Random rnd = new Random(seed);
        List<Integer> chosen = new ArrayList<>(m);
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>(byClass.get(c));
            Collections.shuffle(members, rnd);
            chosen.addAll(members.subList(0, take[c]));
        }
        int[] idx = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new Subset(base, idx, "stratified sample of " + m + " (seed " + seed + ")");
    }

    @Override
    public String description() { return how + " of " + base.description(); }

    @Override
    public List<String> classes() { return base.classes(); }

    @Override
    public int size() { return index.length; }

    @Override
    public int label(int i) { return base.label(index[i]); }

    @Override
    public String name(int i) { return base.name(index[i]); }

    @Override
    public Sample get(int i) throws IOException { return base.get(index[i]); }

    @Override
    public void close() throws IOException { base.close(); }
}
