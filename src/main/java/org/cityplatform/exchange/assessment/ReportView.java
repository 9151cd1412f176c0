package org.cityplatform.exchange.assessment;

import java.text.Collator;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cityplatform.exchange.infra.CityDays;

/**
 * What the public report of a year shows (Art. 34), worked out here so that the template only lays
 * it out: times in Beijing time to the minute, the ranking, what every column means, the change
 * against the year before, the publisher and whom to contact.
 */
public record ReportView(Publication p, String title, boolean interim, String asOf, String period,
                         String publishedAt, String publishedAtIso, boolean scored, List<Line> lines,
                         List<Definition> definitions, String formula, Optional<Integer> previousYear,
                         String previousNote, List<Change> changes, List<Criticism> criticisms,
                         List<ReportCharts.Chart> charts, List<Advice> advice) {

    /** Where the 10 working days for answering an application come from, as the page and docs cite it. */
    static final String APPLICATION_RULE_SOURCE = "国务院《政务信息资源共享管理暂行办法》（国发〔2016〕51号）";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINA);
    private static final DateTimeFormatter ISO_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");

    /** One agency's row: its rank ("" when the year is not scored, "—" for an agency without a score). */
    public record Line(String rank, String score, AgencyAssessment a) {
    }

    /** A column of the table and what it counts. */
    public record Definition(String term, String meaning) {
    }

    /** One agency's change against the previous published year; "—" where there is nothing to compare. */
    public record Change(String agency, String name, String score, String timely, String overdue, String reads) {
    }

    /** A written criticism of an agency (Art. 36), as the report lists it. */
    public record Criticism(String agency, String name, String date, String text) {
    }

    /** The center's advice to one agency. */
    public record Advice(String agency, String name, String text) {
    }

    static ReportView of(Publication p, Optional<Publication> previous, List<Criticism> criticisms, String formula) {
        boolean scored = p.agencies().stream().anyMatch(a -> a.score() != null);
        List<Line> lines = scored ? ranked(p.agencies()) : byName(p.agencies());
        String published = p.publishedAt().atZoneSameInstant(CityDays.ZONE).format(MINUTE) + " 北京时间";
        String iso = p.publishedAt().atZoneSameInstant(CityDays.ZONE).format(ISO_MINUTE);
        String title = p.year() + " 年度政务数据共享考核结果" + (p.interim() ? "（中期报告）" : "");
        List<Advice> advice = lines.stream().map(Line::a).filter(a -> p.advice().containsKey(a.agency()))
                .map(a -> new Advice(a.agency(), a.name(), p.advice().get(a.agency()))).toList();
        return new ReportView(p, title, p.interim(), day(p.to()), day(p.from()) + "至" + day(p.to()), published, iso,
                scored, lines, definitions(scored), formula == null || formula.isBlank() || !scored ? null : formula,
                previous.map(Publication::year), previousNote(p.year(), previous),
                changes(lines, previous), criticisms, ReportCharts.of(p.agencies()), advice);
    }

    static String day(LocalDate date) {
        return date.format(DAY);
    }

    static String minute(OffsetDateTime at) {
        return at.atZoneSameInstant(CityDays.ZONE).format(MINUTE) + " 北京时间";
    }

    /** Highest score first; equal scores share a rank (1, 1, 3); an agency without a score comes last. */
    static List<Line> ranked(List<AgencyAssessment> agencies) {
        List<AgencyAssessment> sorted = new ArrayList<>(agencies);
        sorted.sort(Comparator.comparing((AgencyAssessment a) -> a.score() == null)
                .thenComparing(a -> a.score() == null ? 0 : -a.score())
                .thenComparing(AgencyAssessment::name, NAMES).thenComparing(AgencyAssessment::agency));
        List<Line> lines = new ArrayList<>();
        int rank = 0;
        for (int i = 0; i < sorted.size(); i++) {
            AgencyAssessment a = sorted.get(i);
            if (a.score() == null) {
                lines.add(new Line("—", "—", a));
                continue;
            }
            if (i == 0 || !a.score().equals(sorted.get(i - 1).score())) {
                rank = i + 1;
            }
            lines.add(new Line(String.valueOf(rank), score(a.score()), a));
        }
        return lines;
    }

    /** Without scores there is no ranking: agencies in the order of their names. */
    static List<Line> byName(List<AgencyAssessment> agencies) {
        return agencies.stream().sorted(Comparator.comparing(AgencyAssessment::name, NAMES)
                .thenComparing(AgencyAssessment::agency)).map(a -> new Line("", "—", a)).toList();
    }

    private static final Comparator<String> NAMES = Collator.getInstance(Locale.CHINA)::compare;

    static String score(double score) {
        return String.format(Locale.ROOT, "%.1f", score);
    }

    private static String previousNote(int year, Optional<Publication> previous) {
        if (previous.isEmpty()) {
            return (year - 1) + " 年度考核结果未发布，无可比较的数据。";
        }
        return previous.get().interim()
                ? "与 " + (year - 1) + " 年度中期报告（截至" + day(previous.get().to()) + "）相比。"
                : "与 " + (year - 1) + " 年度考核结果相比。";
    }

    static List<Change> changes(List<Line> lines, Optional<Publication> previous) {
        Map<String, AgencyAssessment> before = previous.map(p -> p.agencies().stream()
                .collect(Collectors.toMap(AgencyAssessment::agency, Function.identity(), (x, y) -> x)))
                .orElse(Map.of());
        return lines.stream().map(Line::a).map(a -> {
            AgencyAssessment b = before.get(a.agency());
            if (b == null) {
                return new Change(a.agency(), a.name(), "—", "—", "—", "—");
            }
            String score = a.score() == null || b.score() == null ? "—"
                    : signed(score(a.score() - b.score()), a.score() - b.score());
            return new Change(a.agency(), a.name(), score, signed(a.timelyDatasets() - b.timelyDatasets()),
                    signed(a.overdueDatasets() - b.overdueDatasets()), signed(a.readsByOthers() - b.readsByOthers()));
        }).toList();
    }

    private static String signed(long difference) {
        return signed(String.valueOf(Math.abs(difference)), difference);
    }

    private static String signed(String text, double difference) {
        String magnitude = text.startsWith("-") ? text.substring(1) : text;
        if (difference > 0) {
            return "+" + magnitude;
        }
        return difference < 0 && !magnitude.matches("0(\\.0)?") ? "−" + magnitude : "0";
    }

    /** The columns in the order of the table; ranking and score only when the year is scored. */
    static List<Definition> definitions(boolean scored) {
        List<Definition> all = new ArrayList<>();
        if (scored) {
            all.add(new Definition("排名", "按得分从高到低排列，得分相同的部门名次相同。"));
            all.add(new Definition("得分", "满分 100 分，按本年度公布的考核要求计算，计算方法见下文。"));
        }
        all.addAll(List.of(
                new Definition("部门", "被考核的政务部门，括号内为其统一社会信用代码。"),
                new Definition("数据集", "部门作为提供部门、正在共享（含即将停用）的数据集个数。"),
                new Definition("提供记录", "这些数据集目前提供的记录条数（已删除的不计）。"),
                new Definition("更新记录", "考核期间新增、修改或删除的记录条数。"),
                new Definition("及时", "考核期末（或发布时）按登记的更新周期及时更新的数据集个数：实时和每日更新的为 1 天内，"
                        + "每周的为 7 天内，每月的为 1 个月内有更新。"),
                new Definition("延迟报备", "未及时更新，但部门在期末前已报告延迟（《办法》第二十八条）、预计更新日期不早于考核最后一天"
                        + "且报告后未再更新的数据集个数。"),
                new Definition("逾期", "既未及时更新、也无有效延迟报告的数据集个数，从未提供数据的数据集也计入。"),
                new Definition("被读取", "其他部门查询、获取变更和导出本部门数据的次数，一次导出计一次。"),
                new Definition("使用部门", "读取过本部门数据的其他部门个数。"),
                new Definition("异议", "考核期间其他部门对本部门数据提出的异议件数。"),
                new Definition("异议逾期", "其中本部门核查超过期限（《办法》第二十条）的件数。"),
                new Definition("协商逾期", "考核期间提交的共享申请中，征求本部门意见超过答复期限（5 个工作日，《办法》第十八条）的件数。"),
                new Definition("申请答复", "考核期间提交、已作出决定的使用本部门数据的共享申请件数。"),
                new Definition("按时答复", "其中自提交起 10 个工作日内作出决定的件数。10 个工作日的答复期限依据"
                        + APPLICATION_RULE_SOURCE + "关于有条件共享信息申请答复期限的规定。")));
        return all;
    }
}
