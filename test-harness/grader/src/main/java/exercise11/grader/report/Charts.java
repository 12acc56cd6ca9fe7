package exercise11.grader.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * Bar charts drawn to SVG when a report is written (JFreeChart drawing on JFreeSVG's Graphics2D), so that a page
 * holds them inline and needs neither the network nor a script to show them.
 */
final class Charts {

    private static final Color BAR = new Color(0x2b6cb0);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * A bar chart of {@code values} (category to value, in order) as one {@code <svg>} element whose ids start with
     * {@code id}, so that several charts can share a page.
     *
     * @param horizontal bars left to right, for long category names
     * @param wholeNumbers ticks on whole numbers only (counts of students)
     * @param upperBound the value axis's end, or 0 to fit the data
     */
    static String bars(String id, String title, String categoryLabel, String valueLabel, Map<String, Double> values,
                       boolean horizontal, boolean wholeNumbers, double upperBound, int width, int height) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((category, value) -> data.addValue(value, valueLabel, category));
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data,
                horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TEXT.deriveFont(Font.BOLD, 14f));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setOutlineVisible(false);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, BAR);
        renderer.setMaximumBarWidth(0.12);
        CategoryAxis categories = plot.getDomainAxis();
        categories.setTickLabelFont(TEXT);
        categories.setMaximumCategoryLabelWidthRatio(horizontal ? 0.5f : 1f);
        categories.setMaximumCategoryLabelLines(2);
        if (!horizontal && values.size() > 8) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        }
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setTickLabelFont(TEXT);
        if (wholeNumbers) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        if (upperBound > 0) {
            axis.setRange(0, upperBound);
        }
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        svg.setDefsKeyPrefix(id + "-");
        chart.draw(svg, new Rectangle2D.Double(0, 0, width, height));
        return svg.getSVGElement(id);
    }

    /** An ordered map, for callers that build a chart's values in order. */
    static Map<String, Double> ordered() {
        return new LinkedHashMap<>();
    }
}
