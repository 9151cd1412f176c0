package org.cityplatform.exchange.assessment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assessment's score (Art. 33: the method is published with the year's requirements; Art. 34):
 * each measure is a share in [0, 1]; score = 100 × Σ(wᵢ × mᵢ) / Σ(wᵢ), rounded to one decimal, over
 * the weights the center published for the year. Weights are relative: only their proportions
 * count. A measure with nothing to count (no period, no objection, ...) is 1: nothing failed. No
 * requirements published for the year: no score. The text is what the public page shows.
 */
public final class ScoreFormula {

    /** A measure: its name in the weights, and what it is in Chinese and English. */
    public record Measure(String name, String zh, String en) {
    }

    public static final List<Measure> MEASURES = List.of(
            new Measure("timeliness", "按时更新率 = (按时周期数 + 已报告延迟周期数) / 应更新周期数",
                    "timeliness = (periodsOnTime + periodsExcused) / periods"),
            new Measure("objections", "异议按时核查率 = 1 − 逾期核查异议数 / 收到异议数",
                    "objections = 1 − objectionsOverdue / objectionsReceived"),
            new Measure("applications", "申请按时答复率 = 10个工作日内答复的申请数 / 已答复申请数",
                    "applications = applicationsAnsweredOnTime / applicationsAnswered"),
            new Measure("consultations", "征求意见按时答复率 = 1 − 逾期征求意见数 / 征求意见数",
                    "consultations = 1 − consultationsOverdue / consultations"),
            // Art. 35: rectification orders answered by their day, of those issued in the window.
            new Measure("orders", "整改按期完成率 = 1 − 逾期整改通知数 / 下达整改通知数",
                    "orders = 1 − ordersOverdue / rectification orders issued"));

    private ScoreFormula() {
    }

    static boolean known(String name) {
        return MEASURES.stream().anyMatch(m -> m.name().equals(name));
    }

    /** The share of {@code good} in {@code of}, or 1 when there is nothing to count. */
    static double share(long good, long of) {
        return of <= 0 ? 1.0 : Math.max(0.0, Math.min(1.0, (double) good / of));
    }

    /** The score from the measures by name and the weights, 0 to 100 to one decimal; null without weights. */
    static Double score(Map<String, Double> weights, Map<String, Double> measures) {
        if (weights == null) {
            return null;
        }
        double sum = 0;
        double weighted = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            sum += w.getValue();
            weighted += w.getValue() * measures.getOrDefault(w.getKey(), 1.0);
        }
        return sum <= 0 ? null : Math.round(1000 * weighted / sum) / 10.0;
    }

    /** The formula with these weights, in Chinese and in English, as the public page states it. */
    public static Map<String, String> describe(Map<String, Double> weights) {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("zh", describe(weights, true));
        text.put("en", describe(weights, false));
        return text;
    }

    private static String describe(Map<String, Double> weights, boolean chinese) {
        StringBuilder out = new StringBuilder(chinese
                ? "得分 = 100 × Σ(权重 × 指标) / Σ(权重)，保留一位小数。指标取值0至1，无可计数事项的指标计为1。"
                : "score = 100 × Σ(weight × measure) / Σ(weight), to one decimal. Each measure is from 0 to 1; "
                        + "a measure with nothing to count is 1.");
        for (Measure m : MEASURES) {
            Double w = weights == null ? null : weights.get(m.name());
            if (w == null) {
                continue;
            }
            out.append(chinese ? "\n" + m.zh() + "，权重 " : "\n" + m.en() + ", weight ").append(plain(w));
        }
        if (chinese) {
            out.append("\n按时周期：更新周期（实时、每日按日，每周按ISO周，每月按自然月，北京时间）内至少推送一次数据（含未变化数据）；"
                    + "已报告延迟周期：无推送，但在周期结束前已报告延迟且延迟报告覆盖该周期。");
        } else {
            out.append("\nA period (a day for REALTIME and DAILY, an ISO week for WEEKLY, a calendar month for MONTHLY, "
                    + "Beijing time) is on time when at least one push received an item in it, changed or not; excused "
                    + "when, without a push, a delay report covering it was filed before it ended.");
        }
        return out.toString();
    }

    private static String plain(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }
}
