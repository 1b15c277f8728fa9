package org.convkit.cli.compare;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convkit.io.AtomicOutput;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The comparison's two charts, drawn with XChart off screen, each as PNG and SVG. */
final class ComparisonCharts {
    static {
        System.setProperty("java.awt.headless", "true"); // no display needed, and none is opened
    }

    static final Color SHALLOW = new Color(49, 130, 189);
    static final Color DEEP = new Color(230, 85, 13);
    static final Color PUBLISHED = new Color(150, 150, 150);

    private ComparisonCharts() {}

    /**
     * Test accuracy per pipeline, shallow and deep in two colours, published figures as grey bars beside
     * them where known. The axis starts a little below the lowest bar, so that differences of a point show.
     */
    static CategoryChart accuracy(List<PipelineResult> rows, String title) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520).title(title)
                .xAxisTitle("pipeline").yAxisTitle("top-1 test accuracy").build();
        var s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS); // below the plot: no bar hides behind it
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setDecimalPattern("0.000");
        chart.getStyler().setLabelsPosition(0.97); // at the top of each bar, so a published bar's label clears the measured one
        chart.getStyler().setOverlapped(true);
        List<String> names = rows.stream().map(PipelineResult::pipeline).toList();
        List<Double> shallow = new ArrayList<>(), deep = new ArrayList<>(), published = new ArrayList<>();
        boolean anyPublished = false;
        double low = 1;
        for (PipelineResult r : rows) {
            boolean isShallow = r.kind().equals(Kind.SHALLOW.label());
            shallow.add(isShallow ? r.accuracy() : 0);
            deep.add(isShallow ? 0 : r.accuracy());
            var ref = PublishedReference.of(r.which(), r.classes());
            published.add(ref.map(PublishedReference::accuracy).orElse(0.0));
            anyPublished |= ref.isPresent();
            low = Math.min(low, r.accuracy());
        }
        if (anyPublished) {
            chart.addSeries("published (full data set)", names, published).setFillColor(PUBLISHED);
        }
        chart.addSeries("shallow", names, shallow).setFillColor(SHALLOW);
        chart.addSeries("deep", names, deep).setFillColor(DEEP);
        s.setYAxisMin(Math.max(0, Math.floor(low * 10 - 1) / 10));
        s.setYAxisMax(1.0);
        return chart;
    }

    /** Accuracy against training time (logarithmic when the times span more than a factor of 20), one point per pipeline. */
    static XYChart accuracyVsTime(List<PipelineResult> rows, String title) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title)
                .xAxisTitle("training time (s)").yAxisTitle("top-1 test accuracy").build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double lo = Double.MAX_VALUE, hi = 0;
        for (PipelineResult r : rows) {
            lo = Math.min(lo, r.trainSeconds());
            hi = Math.max(hi, r.trainSeconds());
            boolean isShallow = r.kind().equals(Kind.SHALLOW.label());
            XYSeries series = chart.addSeries(r.pipeline() + " (" + r.kind() + ")", new double[] {r.trainSeconds()},
                    new double[] {r.accuracy()});
            series.setMarker(isShallow ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        }
        chart.getStyler().setXAxisLogarithmic(hi > 20 * lo && lo > 0);
        return chart;
    }

    /** Writes {@code base}.png and {@code base}.svg. */
    static void save(Chart<?, ?> chart, Path base) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String name = base.getFileName().toString();
        AtomicOutput.write(base.resolveSibling(name + ".png"), true, out -> out.write(png));
        AtomicOutput.write(base.resolveSibling(name + ".svg"), true, svg::writeTo);
    }

}
