package org.cityplatform.exchange.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The bar charts of the public report, drawn as inline SVG by the template: geometry is worked
 * out here so the page needs no script and no resource from outside the gateway. Bars run from the
 * highest value down, so a reader sees the order without counting.
 */
public final class ReportCharts {

    static final int WIDTH = 420;
    static final int ROW = 22;

    /** One bar: its agency, value, and length in pixels (at least 1 when the value is not 0). */
    public record Bar(String label, long value, long length, int y) {
    }

    /** A chart: its title, the unit of its values, its height and its bars. */
    public record Chart(String id, String title, String unit, int height, List<Bar> bars) {
    }

    private ReportCharts() {
    }

    static List<Chart> of(List<AgencyAssessment> agencies) {
        return List.of(
                chart("timeliness", "更新及时（按更新周期及时更新的数据集）", "个", agencies, AgencyAssessment::timelyDatasets),
                chart("usage", "数据被使用（其他部门读取次数）", "次", agencies, AgencyAssessment::readsByOthers),
                chart("objections", "收到的数据异议", "件", agencies, AgencyAssessment::objectionsReceived));
    }

    static Chart chart(String id, String title, String unit, List<AgencyAssessment> agencies,
                       ToLongFunction<AgencyAssessment> value) {
        long max = Math.max(1, agencies.stream().mapToLong(value).max().orElse(0));
        List<AgencyAssessment> sorted = agencies.stream()
                .sorted(Comparator.comparingLong(value).reversed().thenComparing(AgencyAssessment::agency)).toList();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            AgencyAssessment a = sorted.get(i);
            long v = value.applyAsLong(a);
            long length = v == 0 ? 0 : Math.max(1, v * WIDTH / max);
            bars.add(new Bar(a.name(), v, length, i * ROW));
        }
        return new Chart(id, title, unit, Math.max(ROW, agencies.size() * ROW), bars);
    }
}
