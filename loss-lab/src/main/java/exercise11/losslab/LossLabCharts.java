package exercise11.losslab;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/** The lab's charts, drawn by JFreeChart on JFreeSVG's Graphics2D, as the grader's reports are. */
final class LossLabCharts {

    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Paint[] LINES = {new Color(0x2b6cb0), new Color(0xdd6b20), new Color(0x38a169), new Color(0xc53030),
        new Color(0x805ad5), new Color(0x718096), new Color(0xd69e2e), new Color(0x319795)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private LossLabCharts() {
    }

    /** Loss (%) against the send rate, one line per consumer and receive buffer, as an SVG document. */
    static String loss(List<LossLabResult> results) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LossLabResult result : results) {
            data.addValue(result.lostPercent(), series(result), result.trial().rateLabel());
        }
        JFreeChart chart = ChartFactory.createLineChart("UDP datagrams lost on loopback (127.0.0.1)",
                "send rate (datagrams/s)", "lost (% of sent)", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = style(chart);
        NumberAxis percent = (NumberAxis) plot.getRangeAxis();
        percent.setRange(0, 100);
        percent.setTickUnit(new NumberTickUnit(10));
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(true);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, LINES[i % LINES.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        return draw(chart, 820, 500);
    }

    /** The receivers' datagrams per second, one bar each, as an SVG document. */
    static String throughput(String title, Map<String, Double> perSecond) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        perSecond.forEach((server, value) -> data.addValue(value, "received/s", server));
        JFreeChart chart = ChartFactory.createBarChart(title, "server", "datagrams received per second", data,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = style(chart);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, LINES[0]);
        renderer.setMaximumBarWidth(0.2);
        return draw(chart, 640, 420);
    }

    /** The line's name in the legend: consumer, then the buffer asked for and the one the kernel gave. */
    static String series(LossLabResult result) {
        LossLabTrial trial = result.trial();
        String consumer = trial.slowMicros() > 0 ? "slow consumer (prints, waits " + trial.slowMicros() + " µs)" : "fast consumer";
        return consumer + ", rcvbuf " + trial.bufferLabel() + " (given " + result.kernelBuffer() + " B)";
    }

    private static CategoryPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TEXT.deriveFont(Font.BOLD, 14f));
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(TEXT);
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setOutlineVisible(false);
        plot.getDomainAxis().setTickLabelFont(TEXT);
        plot.getDomainAxis().setLabelFont(TEXT);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setTickLabelFont(TEXT);
        axis.setLabelFont(TEXT);
        return plot;
    }

    private static String draw(JFreeChart chart, int width, int height) {
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        chart.draw(svg, new Rectangle2D.Double(0, 0, width, height));
        return svg.getSVGDocument();
    }
}
