package dev.prism.scenarios.helm;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import dev.prism.scenarios.random.PythonRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code helm/msmarco}: HELM's {@code MSMARCOScenario}, passage ranking. Arguments {@code track}
 * ({@code regular} or {@code trec}, required) and {@code valid_topk} (optional, 11–1000; HELM
 * Classic uses 30).
 *
 * <p>Data (HELM's URLs; HELM's file names): the passage collection {@code documents.tsv} ({@code
 * docid\ttext}); for train and the track: queries ({@code qid\ttext}), qrels ({@code qid 0 docid
 * rel}, space-separated for TREC) and top-k lists ({@code qid\tdocid\trank}). Files are read like
 * Python's {@code csv.reader(delimiter="\t")} (so a field that starts with a quote is a quoted
 * field, as in HELM). CPython's {@code random.Random(1885)} shuffles the passage ids, then the
 * train query ids, then the track's query ids.
 *
 * <p>Train instances: the first 1000 shuffled train queries that have a qrel of relevance 1 and at
 * least 20 ranked passages; references are the best-judged passage (correct; the first of the
 * highest relevance) and the first ranked passage with rank 11–20 that is not gold, in shuffled
 * passage order. Valid instances: every shuffled track query with a gold qrel (relevance 1, or 2–3
 * for TREC) — and, with {@code valid_topk}, at least that many ranked passages; references are its
 * judged passages plus, with {@code valid_topk}, its top-{@code valid_topk} passages, in shuffled
 * passage order. Each reference is tagged {@code docid=N}, then {@code correct} when gold, {@code
 * relevance=R} when judged with a non-zero R, {@code rank=K} when ranked, as HELM tags them. Only
 * passages that instances use are held in memory.
 *
 * <p>Prompt: HELM's {@code get_ranking_binary_adapter_spec(max_train_instances=4,
 * stop_sequences=["\n"])} (2 example pairs, {@code Passage: }/{@code Query: }, "Does the passage
 * answer the query?\nAnswer: "): one request per (query, passage), the model answering Yes or No.
 * {@link #metrics(Map)} selects HELM's {@code RankingMetric} for the run's track and {@code
 * valid_topk} ({@code ranking_metric:track=…[,valid_topk=K]}: {@code RR@10} for regular, {@code
 * NDCG@10} for TREC, plus success, recall and reciprocal-rank cut-offs), HELM's {@code
 * BasicReferenceMetric} ({@code multiple_choice_separate}: {@code max_prob}, {@code exact_match},
 * {@code predicted_index} over the documents) and efficiency, which HELM's run spec also computes;
 * {@link #metrics()}, without arguments, only efficiency.
 */
public final class MsMarcoScenario implements Scenario, DataRequirements {
  static final String ID = "helm/msmarco";
  static final int NUM_TRAIN_QUERIES = 1000;
  static final int MIN_TOPK = 11;
  static final int TRAIN_TOPK = 20;
  static final int MAX_VALID_TOPK = 1000;
  private static final String CODALAB = "https://worksheets.codalab.org/rest/bundles/";
  private static final String MSMARCO = "https://msmarco.blob.core.windows.net/msmarcoranking/";

  /** Cheap; data is read in {@link #instances}. */
  public MsMarcoScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "MS MARCO passage ranking, regular or TREC 2019 track (HELM msmarco; track=…)";
  }

  @Override
  public String dataName() {
    return "msmarco";
  }

  @Override
  public List<DataFile> dataFiles() {
    return List.of(
        DataFile.plain("documents.tsv", codalab("0x50d32fc56ad04dd89510bf86f9c1c9d3")),
        DataFile.plain("train_queries.tsv", MSMARCO + "queries.train.tsv"),
        DataFile.plain("train_qrels.tsv", MSMARCO + "qrels.train.tsv"),
        DataFile.plain("train_topk.tsv", codalab("0x8c43d4ec02ea48d6a727683a9676b77b")),
        DataFile.plain("regular_queries.tsv", codalab("0xf5ccf54707b548f9a4c43502c6f15719")),
        DataFile.plain("regular_qrels.tsv", MSMARCO + "qrels.dev.small.tsv"),
        DataFile.plain("regular_topk.tsv", codalab("0xbc3dfacb2b7746809e582ee01fa5fe70")),
        DataFile.plain("trec_queries.tsv.gz", MSMARCO + "msmarco-test2019-queries.tsv.gz"),
        DataFile.plain("trec_qrels.tsv", "https://trec.nist.gov/data/deep/2019qrels-pass.txt"),
        DataFile.plain("trec_topk.tsv", codalab("0x2e80572f93b748d594b817249013bdac")));
  }

  private static String codalab(String bundle) {
    return CODALAB + bundle + "/contents/blob/";
  }

  /** The query texts, judgements and rankings of one split. */
  private record SplitData(
      Map<Integer, String> queries,
      List<Integer> qids,
      Map<Integer, Map<Integer, Integer>> qrels,
      Map<Integer, Map<Integer, Integer>> topk,
      Set<Integer> gold) {}

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    Args args = Args.of(context.args());
    String track = args.track();
    Integer validTopk = args.validTopk();
    Path documents = ScenarioData.require(this, context, "documents.tsv");
    int[] docids = docids(documents);
    SplitData train = split(context, "train", Set.of(1));
    SplitData valid = split(context, track, track.equals("trec") ? Set.of(2, 3) : Set.of(1));

    PythonRandom random = new PythonRandom(1885);
    shuffle(random, docids);
    random.shuffle(train.qids());
    random.shuffle(valid.qids());
    DocOrder order = new DocOrder(docids);

    List<Draft> drafts = new ArrayList<>();
    for (int qid : filter(train, TRAIN_TOPK)) {
      if (drafts.size() == NUM_TRAIN_QUERIES) {
        break;
      }
      drafts.add(new Draft(qid, Split.TRAIN, train, trainDocids(qid, train, order)));
    }
    for (int qid : filter(valid, validTopk)) {
      Set<Integer> ids = new LinkedHashSet<>(valid.qrels().get(qid).keySet());
      if (validTopk != null) {
        valid
            .topk()
            .get(qid)
            .forEach(
                (docid, rank) -> {
                  if (rank <= validTopk) {
                    ids.add(docid);
                  }
                });
      }
      drafts.add(new Draft(qid, Split.VALID, valid, order.sorted(ids)));
    }
    Map<Integer, String> texts = passages(documents, drafts);
    List<Instance> result = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      result.add(d.instance("id" + result.size(), texts));
    }
    return List.copyOf(result);
  }

  /** The scenario arguments, checked. */
  private record Args(String track, Integer validTopk) {
    static Args of(Map<String, String> args) {
      HelmArgs.checkKnown(ID, args, List.of("track", "valid_topk"));
      String track = HelmArgs.oneOf(ID, args, "track", List.of("regular", "trec"), null);
      return new Args(track, parseValidTopk(args.get("valid_topk")));
    }
  }

  private static Integer parseValidTopk(String value) {
    if (value == null || value.equals("None")) {
      return null;
    }
    try {
      int k = Integer.parseInt(value);
      if (k >= MIN_TOPK && k <= MAX_VALID_TOPK) {
        return k;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new PrismUserException(
        "scenario '"
            + ID
            + "': valid_topk must be a whole number from 11 to 1000, got '"
            + value
            + "'",
        "For example msmarco:track=regular,valid_topk=30");
  }

  /** One instance before its passages' texts are read. */
  private record Draft(int qid, Split split, SplitData data, List<Integer> docids) {
    Instance instance(String id, Map<Integer, String> texts) {
      Map<Integer, Integer> judged = data.qrels().get(qid);
      Map<Integer, Integer> ranked = data.topk().getOrDefault(qid, Map.of());
      List<Reference> references = new ArrayList<>();
      for (int docid : docids) {
        Integer rel = judged.get(docid);
        Integer rank = ranked.get(docid);
        List<String> tags = new ArrayList<>();
        tags.add("docid=" + docid);
        if (rel != null && data.gold().contains(rel)) {
          tags.add(Reference.CORRECT_TAG);
        }
        if (rel != null && rel != 0) { // HELM tests `if rel:`, so relevance 0 gets no tag
          tags.add("relevance=" + rel);
        }
        if (rank != null && rank != 0) {
          tags.add("rank=" + rank);
        }
        references.add(new Reference(texts.get(docid), tags));
      }
      return Instance.of(id, data.queries().get(qid), references, split);
    }
  }

  /**
   * The train query's references: its best-judged passage and the first competitive non-gold one.
   */
  private static List<Integer> trainDocids(int qid, SplitData train, DocOrder order) {
    Map<Integer, Integer> judged = train.qrels().get(qid);
    int correct =
        judged.entrySet().stream()
            .sorted(
                Map.Entry.<Integer, Integer>comparingByValue().reversed()) // stable, like sorted()
            .findFirst()
            .orElseThrow()
            .getKey();
    Integer wrong = null;
    for (Map.Entry<Integer, Integer> e : train.topk().get(qid).entrySet()) {
      int rank = e.getValue();
      Integer rel = judged.get(e.getKey());
      if (rank >= MIN_TOPK && rank <= TRAIN_TOPK && (rel == null || !train.gold().contains(rel))) {
        wrong = e.getKey();
        break;
      }
    }
    if (wrong == null) {
      throw new PrismUserException(
          "msmarco: train query " + qid + " has no non-gold passage ranked 11-20",
          "Delete the msmarco data folder and download it again with prism download msmarco");
    }
    return order.sorted(new LinkedHashSet<>(List.of(correct, wrong)));
  }

  /**
   * HELM's {@code filter_qids}: queries with a gold judgement, and (when {@code topk} is not null)
   * at least {@code topk} ranked passages; in shuffled order.
   */
  private static List<Integer> filter(SplitData data, Integer topk) {
    List<Integer> kept = new ArrayList<>();
    for (int qid : data.qids()) {
      Map<Integer, Integer> judged = data.qrels().get(qid);
      if (judged == null || judged.values().stream().noneMatch(data.gold()::contains)) {
        continue;
      }
      if (topk != null && data.topk().getOrDefault(qid, Map.of()).size() < topk) {
        continue;
      }
      kept.add(qid);
    }
    return kept;
  }

  private SplitData split(ScenarioContext context, String name, Set<Integer> gold) {
    Path queries =
        ScenarioData.require(
            this, context, name + (name.equals("trec") ? "_queries.tsv.gz" : "_queries.tsv"));
    Map<Integer, String> texts = new LinkedHashMap<>();
    ScenarioData.streamDelimited(
        queries,
        '\t',
        false,
        (row, line) -> texts.put(integer(row, 0, 2, queries, line), row.get(1)));
    Path qrelsFile = ScenarioData.require(this, context, name + "_qrels.tsv");
    Map<Integer, Map<Integer, Integer>> qrels = new HashMap<>();
    ScenarioData.streamDelimited(
        qrelsFile,
        name.equals("trec") ? ' ' : '\t',
        false,
        (row, line) ->
            qrels
                .computeIfAbsent(integer(row, 0, 4, qrelsFile, line), k -> new LinkedHashMap<>())
                .put(integer(row, 2, 4, qrelsFile, line), integer(row, 3, 4, qrelsFile, line)));
    Path topkFile = ScenarioData.require(this, context, name + "_topk.tsv");
    Map<Integer, Map<Integer, Integer>> topk = new HashMap<>();
    ScenarioData.streamDelimited(
        topkFile,
        '\t',
        false,
        (row, line) ->
            topk.computeIfAbsent(integer(row, 0, 3, topkFile, line), k -> new LinkedHashMap<>())
                .put(integer(row, 1, 3, topkFile, line), integer(row, 2, 3, topkFile, line)));
    return new SplitData(texts, new ArrayList<>(texts.keySet()), qrels, topk, gold);
  }

  /** Python's {@code int(field)} of a row that must have exactly {@code width} fields. */
  private static int integer(List<String> row, int index, int width, Path file, long line) {
    if (row.size() != width) {
      throw ScenarioData.malformed(file, line, "expected " + width + " fields, got " + row.size());
    }
    try {
      return Integer.parseInt(Py.strip(row.get(index)));
    } catch (NumberFormatException e) {
      throw ScenarioData.malformed(file, line, "'" + row.get(index) + "' is not a whole number");
    }
  }

  /** The passage ids of the collection, in file order (a repeated id keeps its first place). */
  private static int[] docids(Path documents) {
    int[][] ids = {new int[1 << 16]};
    int[] count = {0};
    BitSet seen = new BitSet();
    forEachPassage(
        documents,
        (docid, text, line) -> {
          if (docid < 0) {
            throw ScenarioData.malformed(documents, line, "negative passage id " + docid);
          }
          if (seen.get(docid)) {
            return;
          }
          seen.set(docid);
          if (count[0] == ids[0].length) {
            ids[0] = Arrays.copyOf(ids[0], count[0] * 2);
          }
          ids[0][count[0]++] = docid;
        });
    return Arrays.copyOf(ids[0], count[0]);
  }

  /** CPython's {@code shuffle} over an int array (the list holds millions of ids). */
  private static void shuffle(PythonRandom random, int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = (int) random.randbelow(i + 1L);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Positions of passage ids in the shuffled list (HELM's {@code docid_index_dict}). */
  private static final class DocOrder {
    private final int[] index; // by passage id; -1 for ids not in the collection

    DocOrder(int[] shuffled) {
      index = new int[Arrays.stream(shuffled).max().orElse(-1) + 1];
      Arrays.fill(index, -1);
      for (int i = 0; i < shuffled.length; i++) {
        index[shuffled[i]] = i;
      }
    }

    List<Integer> sorted(Set<Integer> docids) {
      for (int docid : docids) {
        if (docid < 0 || docid >= index.length || index[docid] < 0) {
          throw new PrismUserException(
              "msmarco: passage " + docid + " is judged or ranked but not in documents.tsv",
              "Delete the msmarco data folder and download it again with prism download msmarco");
        }
      }
      return docids.stream().sorted(Comparator.comparingInt(d -> index[d])).toList();
    }
  }

  /** Receives the passages of the collection one at a time. */
  @FunctionalInterface
  private interface PassageHandler {
    void passage(int docid, String text, long line);
  }

  /** Streams {@code docid\ttext} lines, read as {@code csv.reader(delimiter="\t")} reads them. */
  private static void forEachPassage(Path documents, PassageHandler handler) {
    ScenarioData.streamDelimited(
        documents,
        '\t',
        false,
        (row, line) -> handler.passage(integer(row, 0, 2, documents, line), row.get(1), line));
  }

  /** The texts of the passages the instances use (a second pass over the collection). */
  private static Map<Integer, String> passages(Path documents, List<Draft> drafts) {
    Map<Integer, String> texts = new HashMap<>();
    drafts.forEach(d -> d.docids().forEach(id -> texts.put(id, null)));
    forEachPassage(
        documents,
        (docid, text, line) -> {
          if (texts.containsKey(docid)) {
            texts.put(docid, text); // the last line of an id wins, as in a Python dict
          }
        });
    return texts;
  }

  @Override
  public PromptFormat promptFormat() {
    return PromptFormat.defaults().toBuilder()
        .method(PromptMethod.RANKING_BINARY)
        .instructions("")
        .inputPrefix("Query: ")
        .inputSuffix("\n")
        .referencePrefix("Passage: ")
        .referenceSuffix("\n")
        .outputPrefix("Does the passage answer the query?\nAnswer: ")
        .maxTrainInstances(2)
        .numOutputs(1)
        .numTrainTrials(1)
        .temperature(0)
        .maxTokens(5)
        .stopSequences(List.of("\n"))
        .build();
  }

  @Override
  public List<String> metrics() {
    return List.of("efficiency");
  }

  /**
   * HELM's {@code get_msmarco_spec} metrics: ranking for the track (and {@code valid_topk}), its
   * basic reference metric ({@code get_basic_reference_metric_specs}) and efficiency.
   *
   * @throws PrismUserException for arguments {@link #instances} rejects
   */
  @Override
  public List<String> metrics(Map<String, String> args) {
    Args a = Args.of(args);
    String ranking =
        "ranking_metric:track="
            + a.track()
            + (a.validTopk() == null ? "" : ",valid_topk=" + a.validTopk());
    return List.of(ranking, "multiple_choice_separate", "efficiency");
  }

  /** HELM's main metric for the regular track; the TREC track's is {@code NDCG@10}. */
  @Override
  public String mainMetric() {
    return "RR@10";
  }

  @Override
  public String mainMetric(Map<String, String> args) {
    return "trec".equals(Args.of(args).track()) ? "NDCG@10" : mainMetric();
  }
}
