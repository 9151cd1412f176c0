import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Deterministic NDJSON data set of PERSON records for the records benchmark (load-tests/records-bench.sh).
 *
 * <pre>
 *   java load-tests/generator/PersonRecords.java COUNT [SEED] [START]
 * </pre>
 *
 * Writes records START .. START+COUNT-1 of the sequence selected by SEED (default 1, START default 0) to stdout, one
 * line each:
 *
 * <pre>
 * {"key":"110101198703140025","data":{"name":"王秀英","gender":"F","birthDate":"1987-03-14","ethnicity":"汉族",
 *  "address":"…","phone":"13812345678","householdType":"城镇","registeredOn":"2009-06-30"}}
 * </pre>
 *
 * <ul>
 *   <li>Every record depends only on (SEED, index), so a slice (START, COUNT) is byte-identical to the same lines of
 *       a full run, and the same arguments always give the same bytes.</li>
 *   <li>Keys are valid GB 11643 resident identity numbers and unique across the whole sequence: the record index is
 *       sent through a keyed permutation (a Feistel network with cycle walking) of [0, CAPACITY), and the result is
 *       split into (region, birth date, sequence number). A permutation is injective, so distinct indexes give
 *       distinct keys; CAPACITY = regions x days (1940-01-01 .. 2020-12-31) x 1000 sequence numbers, about 473
 *       million.</li>
 *   <li>The sequence number's parity is the gender (odd = male), the birth date in the key is data.birthDate, and
 *       the address starts with the region the key names.</li>
 *   <li>Lines average about 250 bytes of UTF-8 (the address length varies); nothing needs JSON escaping.</li>
 * </ul>
 *
 * No dependencies; bytes are assembled by hand into a buffer (several hundred thousand lines a second).
 */
public final class PersonRecords {

    // ---------------------------------------------------------------- key space

    /** Real administrative division codes with the address prefix they stand for. */
    private static final String[][] REGIONS = {
        {"110101", "北京市东城区"}, {"110105", "北京市朝阳区"}, {"110108", "北京市海淀区"},
        {"310101", "上海市黄浦区"}, {"310104", "上海市徐汇区"}, {"310115", "上海市浦东新区"},
        {"440106", "广东省广州市天河区"}, {"440304", "广东省深圳市福田区"}, {"330106", "浙江省杭州市西湖区"},
        {"320102", "江苏省南京市玄武区"}, {"510104", "四川省成都市锦江区"}, {"420106", "湖北省武汉市武昌区"},
        {"610113", "陕西省西安市雁塔区"}, {"370102", "山东省济南市历下区"}, {"500103", "重庆市渝中区"},
        {"430104", "湖南省长沙市岳麓区"},
    };
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1940, 1, 1);
    private static final LocalDate LAST_BIRTH = LocalDate.of(2020, 12, 31);
    /** Registrations happen up to this day (so no date is ever in the future). */
    private static final LocalDate LAST_REGISTRATION = LocalDate.of(2023, 12, 31);
    private static final long BASE_DAY = FIRST_BIRTH.toEpochDay();
    private static final int BIRTH_DAYS = (int) (LAST_BIRTH.toEpochDay() - BASE_DAY + 1);
    private static final int REGISTRATION_DAYS = (int) (LAST_REGISTRATION.toEpochDay() - BASE_DAY + 1);
    static final long CAPACITY = (long) REGIONS.length * BIRTH_DAYS * 1000L;

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final byte[] CHECK = "10X98765432".getBytes(StandardCharsets.US_ASCII);

    /** Feistel network over 2^(2*HALF_BITS) >= CAPACITY; cycle walking keeps it a permutation of [0, CAPACITY). */
    private static final int HALF_BITS = 15;
    private static final long HALF_MASK = (1L << HALF_BITS) - 1;
    private static final int ROUNDS = 4;

    // ---------------------------------------------------------------- attribute pools

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高",
        "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡",
        "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆",
        "范", "汪", "廖", "石", "金", "韦", "贾", "夏", "付", "方", "邹", "熊", "白", "孟", "秦", "邱", "侯", "江", "尹",
        "薛", "闫", "段", "雷", "龙", "黎", "史", "陶", "贺", "毛", "郝", "顾", "龚", "邵", "万", "覃", "武", "钱", "戴",
        "严", "欧阳", "司马", "诸葛", "上官",
    };
    /** Head of the surname list, repeated so common surnames come up about as often as they do in life. */
    private static final int COMMON_SURNAMES = 10;

    private static final String[] MALE_GIVEN = {
        "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宇",
        "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "洋", "亮", "成", "建", "国", "志", "文", "东", "海",
        "晨", "博", "子", "轩", "泽", "宏", "德", "振", "家", "天", "瑞", "峰",
    };
    private static final String[] FEMALE_GIVEN = {
        "秀", "英", "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "桂", "兰", "萍", "红", "婷", "雪", "琳",
        "晶", "颖", "慧", "莉", "倩", "月", "梅", "佳", "欣", "怡", "雯", "洁", "凤", "琴", "云", "蓉", "薇", "萱", "悦",
        "思", "梦", "雨", "诗", "涵", "晓", "春", "丹", "珍", "玉", "婉", "宁",
    };

    private static final String[] ETHNICITIES = {
        "壮族", "回族", "满族", "维吾尔族", "苗族", "彝族", "土家族", "藏族", "蒙古族", "侗族", "布依族", "瑶族", "白族",
        "朝鲜族", "哈尼族",
    };

    private static final String[] STREETS = {
        "中山", "人民", "解放", "建设", "和平", "长江", "黄河", "文化", "学府", "光明", "新华", "胜利", "东风", "朝阳",
        "复兴", "延安", "金桥", "科技", "春晖", "望江", "滨江", "青年", "迎宾", "幸福", "红旗", "五一", "育才", "公园",
        "体育", "友谊", "北京", "南京", "天府", "钱塘", "龙华", "振兴", "团结", "工农", "翠柳", "桂花",
    };
    private static final String[] STREET_SUFFIXES = {"路", "路", "路", "路", "街", "街", "大道", "东路", "西路", "中路"};
    private static final String[] COMPOUNDS = {
        "阳光", "金色家园", "翠湖", "锦绣", "碧水", "世纪", "华府", "东方", "紫荆", "枫林", "康乐", "和谐", "书香",
        "御景", "万科城", "保利", "绿城", "丽景", "怡景", "名都", "枫丹", "瑞和", "嘉园", "龙湖",
    };
    private static final String[] COMPOUND_SUFFIXES = {"小区", "花园", "苑", "新村", "家园", "公寓", "嘉园", "名苑"};
    private static final String[] TOWNS = {
        "城关", "新安", "太平", "永兴", "长安", "石桥", "柳林", "清河", "白沙", "青山", "双河", "黄土", "马坊",
    };
    private static final String[] VILLAGES = {
        "王家", "李庄", "张湾", "前进", "红星", "东升", "高桥", "杨柳", "新民", "河口", "南岗", "北坡", "大林", "小营",
    };
    private static final String[] PHONE_PREFIXES = {
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "166", "170", "176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187",
        "188", "189", "191", "198", "199",
    };

    // ---------------------------------------------------------------- pre-encoded UTF-8

    private static final byte[][] REGION_CODE = new byte[REGIONS.length][];
    private static final byte[][] REGION_PREFIX = new byte[REGIONS.length][];
    private static final byte[][] SURNAME_B = utf8(SURNAMES);
    private static final byte[][] MALE_B = utf8(MALE_GIVEN);
    private static final byte[][] FEMALE_B = utf8(FEMALE_GIVEN);
    private static final byte[][] ETHNICITY_B = utf8(ETHNICITIES);
    private static final byte[] HAN = utf8("汉族");
    private static final byte[][] STREET_B = utf8(STREETS);
    private static final byte[][] STREET_SUFFIX_B = utf8(STREET_SUFFIXES);
    private static final byte[][] COMPOUND_B = utf8(COMPOUNDS);
    private static final byte[][] COMPOUND_SUFFIX_B = utf8(COMPOUND_SUFFIXES);
    private static final byte[][] TOWN_B = utf8(TOWNS);
    private static final byte[][] VILLAGE_B = utf8(VILLAGES);
    private static final byte[][] PHONE_B = utf8(PHONE_PREFIXES);
    private static final byte[] HAO = utf8("号");
    private static final byte[] DONG = utf8("栋");
    private static final byte[] HAOLOU = utf8("号楼");
    private static final byte[] DANYUAN = utf8("单元");
    private static final byte[] SHI = utf8("室");
    private static final byte[] ZHEN = utf8("镇");
    private static final byte[] CUN = utf8("村");
    private static final byte[] ZU = utf8("组");
    private static final byte[] URBAN = utf8("城镇");
    private static final byte[] RURAL = utf8("农村");

    private static final byte[] P_KEY = ascii("{\"key\":\"");
    private static final byte[] P_NAME = ascii("\",\"data\":{\"name\":\"");
    private static final byte[] P_GENDER_M = ascii("\",\"gender\":\"M\",\"birthDate\":\"");
    private static final byte[] P_GENDER_F = ascii("\",\"gender\":\"F\",\"birthDate\":\"");
    private static final byte[] P_ETHNICITY = ascii("\",\"ethnicity\":\"");
    private static final byte[] P_ADDRESS = ascii("\",\"address\":\"");
    private static final byte[] P_PHONE = ascii("\",\"phone\":\"");
    private static final byte[] P_HOUSEHOLD = ascii("\",\"householdType\":\"");
    private static final byte[] P_REGISTERED = ascii("\",\"registeredOn\":\"");
    private static final byte[] P_END = ascii("\"}}\n");

    /** yyyy-MM-dd for every day from FIRST_BIRTH to LAST_REGISTRATION, 10 bytes each. */
    private static final byte[] ISO_DATES = new byte[REGISTRATION_DAYS * 10];

    static {
        for (int i = 0; i < REGIONS.length; i++) {
            REGION_CODE[i] = ascii(REGIONS[i][0]);
            REGION_PREFIX[i] = utf8(REGIONS[i][1]);
        }
        LocalDate d = FIRST_BIRTH;
        for (int i = 0; i < REGISTRATION_DAYS; i++, d = d.plusDays(1)) {
            byte[] text = ascii(d.toString());
            if (text.length != 10) {
                throw new IllegalStateException("unexpected date " + d);
            }
            System.arraycopy(text, 0, ISO_DATES, i * 10, 10);
        }
    }

    // ---------------------------------------------------------------- state

    private final long[] roundKeys = new long[ROUNDS];
    private final long seed;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private final OutputStream out;
    /** Per-record random state (SplitMix64). */
    private long rnd;

    private PersonRecords(long seed, OutputStream out) {
        this.seed = seed;
        this.out = out;
        long s = seed ^ 0x5DEECE66DL;
        for (int i = 0; i < ROUNDS; i++) {
            s += 0x9E3779B97F4A7C15L;
            roundKeys[i] = mix64(s);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            usage("expected COUNT [SEED] [START]");
        }
        long count = parse(args[0], "COUNT");
        long seed = args.length > 1 ? parseSigned(args[1], "SEED") : 1L;
        long start = args.length > 2 ? parse(args[2], "START") : 0L;
        if (start > CAPACITY || count > CAPACITY - start) {
            usage("START + COUNT must not exceed " + CAPACITY + " (the number of distinct keys)");
        }
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        PersonRecords generator = new PersonRecords(seed, stdout);
        try {
            for (long i = start, end = start + count; i < end; i++) {
                generator.record(i);
            }
            generator.flush();
        } catch (IOException e) {
            // A closed pipe (e.g. "| head") is a normal way to stop.
            if (!String.valueOf(e.getMessage()).contains("Broken pipe")) {
                throw e;
            }
        }
    }

    private static void usage(String problem) {
        System.err.println("PersonRecords: " + problem);
        System.err.println("usage: java load-tests/generator/PersonRecords.java COUNT [SEED] [START]");
        System.err.println("  writes records START..START+COUNT-1 (default SEED 1, START 0) as NDJSON to stdout");
        System.exit(2);
    }

    private static long parse(String text, String what) {
        long v = parseSigned(text, what);
        if (v < 0) {
            usage(what + " must not be negative: " + text);
        }
        return v;
    }

    private static long parseSigned(String text, String what) {
        try {
            return Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            usage(what + " is not a whole number: " + text);
            return 0;
        }
    }

    // ---------------------------------------------------------------- one record

    private void record(long index) throws IOException {
        if (pos > buf.length - 1024) {
            flush();
        }
        long x = permute(index);
        int seq = (int) (x % 1000);
        long rest = x / 1000;
        int day = (int) (rest % BIRTH_DAYS);
        int region = (int) (rest / BIRTH_DAYS);
        boolean male = (seq & 1) == 1;
        rnd = mix64(seed * 0xD1B54A32D192ED03L + index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);

        // key: region, yyyyMMdd, sequence, check character
        put(P_KEY);
        int keyAt = pos;
        put(REGION_CODE[region]);
        int dateAt = day * 10;
        buf[pos++] = ISO_DATES[dateAt];
        buf[pos++] = ISO_DATES[dateAt + 1];
        buf[pos++] = ISO_DATES[dateAt + 2];
        buf[pos++] = ISO_DATES[dateAt + 3];
        buf[pos++] = ISO_DATES[dateAt + 5];
        buf[pos++] = ISO_DATES[dateAt + 6];
        buf[pos++] = ISO_DATES[dateAt + 8];
        buf[pos++] = ISO_DATES[dateAt + 9];
        buf[pos++] = (byte) ('0' + seq / 100);
        buf[pos++] = (byte) ('0' + seq / 10 % 10);
        buf[pos++] = (byte) ('0' + seq % 10);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (buf[keyAt + i] - '0') * WEIGHTS[i];
        }
        buf[pos++] = CHECK[sum % 11];

        // name: common surnames weighted up; one or two given-name characters
        put(P_NAME);
        int s = next(SURNAMES.length + 3 * COMMON_SURNAMES);
        put(SURNAME_B[s < SURNAMES.length ? s : (s - SURNAMES.length) % COMMON_SURNAMES]);
        byte[][] given = male ? MALE_B : FEMALE_B;
        put(given[next(given.length)]);
        if (next(100) < 70) {
            put(given[next(given.length)]);
        }

        put(male ? P_GENDER_M : P_GENDER_F);
        put(ISO_DATES, dateAt, 10);

        put(P_ETHNICITY);
        if (next(100) < 91) {
            put(HAN);
        } else {
            put(ETHNICITY_B[next(ETHNICITY_B.length)]);
        }

        boolean rural = next(100) < 15;
        put(P_ADDRESS);
        put(REGION_PREFIX[region]);
        if (rural) {
            put(TOWN_B[next(TOWN_B.length)]);
            put(ZHEN);
            put(VILLAGE_B[next(VILLAGE_B.length)]);
            put(CUN);
            number(1 + next(12));
            put(ZU);
            number(1 + next(99));
            put(HAO);
        } else {
            put(STREET_B[next(STREET_B.length)]);
            put(STREET_SUFFIX_B[next(STREET_SUFFIX_B.length)]);
            number(1 + next(next(100) < 70 ? 300 : 1500));
            put(HAO);
            int shape = next(100);
            if (shape < 25) {
                // a compound: name, buildings, units, rooms
                put(COMPOUND_B[next(COMPOUND_B.length)]);
                put(COMPOUND_SUFFIX_B[next(COMPOUND_SUFFIX_B.length)]);
                number(1 + next(40));
                put(next(2) == 0 ? DONG : HAOLOU);
                if (next(100) < 30) {
                    number(1 + next(6));
                    put(DANYUAN);
                }
                number((1 + next(32)) * 100 + 1 + next(6));
                put(SHI);
            } else if (shape < 62) {
                // a building on the street
                number(1 + next(20));
                put(DONG);
                number((1 + next(18)) * 100 + 1 + next(4));
                put(SHI);
            }
            // else: a house number alone
        }

        put(P_PHONE);
        put(PHONE_B[next(PHONE_B.length)]);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) ('0' + next(10));
        }

        put(P_HOUSEHOLD);
        put(rural ? RURAL : URBAN);

        // registered at birth (within two months) for most, later (moving in) for the rest
        put(P_REGISTERED);
        int registered;
        if (next(100) < 55) {
            registered = day + next(61);
        } else {
            registered = day + next(REGISTRATION_DAYS - day);
        }
        if (registered >= REGISTRATION_DAYS) {
            registered = REGISTRATION_DAYS - 1;
        }
        put(ISO_DATES, registered * 10, 10);
        put(P_END);
    }

    /** Keyed permutation of [0, CAPACITY): Feistel over 2^30, walking the cycle until the value falls in range. */
    long permute(long index) {
        long x = index;
        do {
            long left = x >>> HALF_BITS;
            long right = x & HALF_MASK;
            for (int r = 0; r < ROUNDS; r++) {
                long f = mix64(right ^ roundKeys[r]) & HALF_MASK;
                long newRight = left ^ f;
                left = right;
                right = newRight;
            }
            x = (left << HALF_BITS) | right;
        } while (x >= CAPACITY);
        return x;
    }

    private int next(int bound) {
        rnd += 0x9E3779B97F4A7C15L;
        long z = mix64(rnd);
        return (int) (((z >>> 32) * bound) >>> 32);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void number(int n) {
        if (n >= 1000) {
            buf[pos++] = (byte) ('0' + n / 1000);
        }
        if (n >= 100) {
            buf[pos++] = (byte) ('0' + n / 100 % 10);
        }
        if (n >= 10) {
            buf[pos++] = (byte) ('0' + n / 10 % 10);
        }
        buf[pos++] = (byte) ('0' + n % 10);
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void put(byte[] bytes, int from, int length) {
        System.arraycopy(bytes, from, buf, pos, length);
        pos += length;
    }

    private void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] utf8(String[] strings) {
        byte[][] out = new byte[strings.length][];
        for (int i = 0; i < strings.length; i++) {
            out[i] = utf8(strings[i]);
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
