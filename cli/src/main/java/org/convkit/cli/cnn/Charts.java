package org.convkit.cli.cnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.convkit.io.AtomicOutput;
import org.convkit.cnn.train.EpochResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of {@code convkit cnn} (and its confusion heat map for {@code convkit compare}), drawn with XChart off screen. */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true"); // no display needed, and none is opened
    }

    private Charts() {}

    /** Training curves: loss (left axis), training and validation accuracy (right axis) per epoch. */
    static void curves(Path file, List<EpochResult> rows, String title) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle("epoch").build();
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        double[] epochs = rows.stream().mapToDouble(EpochResult::epoch).toArray();
        chart.addSeries("train loss", epochs, rows.stream().mapToDouble(EpochResult::trainLoss).toArray())
                .setMarker(SeriesMarkers.CIRCLE).setYAxisGroup(0);
        chart.addSeries("train accuracy", epochs, rows.stream().mapToDouble(EpochResult::trainAccuracy).toArray())
                .setMarker(SeriesMarkers.SQUARE).setYAxisGroup(1);
        if (rows.stream().anyMatch(r -> !Double.isNaN(r.valAccuracy()))) {
            chart.addSeries("validation accuracy", epochs, rows.stream().mapToDouble(EpochResult::valAccuracy).toArray())
                    .setMarker(SeriesMarkers.DIAMOND).setYAxisGroup(1);
        }
        chart.setYAxisGroupTitle(0, "loss");
        chart.setYAxisGroupTitle(1, "accuracy");
        save(chart, file);
    }

    /** The confusion matrix as a heat map (rows: true class, columns: predicted), counts in the cells. */
    public static void confusion(Path file, List<String> classes, long[][] counts, String title) throws IOException {
        int n = classes.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(600, 60 * n + 260)).height(Math.max(500, 50 * n + 200))
                .title(title).xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true).setPlotContentSize(1).setLegendVisible(true);
        chart.getStyler().setRangeColors(new java.awt.Color[] {new java.awt.Color(247, 251, 255),
                new java.awt.Color(107, 174, 214), new java.awt.Color(8, 48, 107)});
        List<Integer> idx = java.util.stream.IntStream.range(0, n).boxed().toList();
        java.util.List<Number[]> cells = new java.util.ArrayList<>();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                cells.add(new Number[] {p, n - 1 - t, counts[t][p]}); // true class 0 at the top
            }
        }
        chart.addSeries("count", classes, idx.stream().map(i -> classes.get(n - 1 - i)).toList(), cells);
        save(chart, file);
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicOutput.write(file, true, out -> out.write(png));
    }
}
