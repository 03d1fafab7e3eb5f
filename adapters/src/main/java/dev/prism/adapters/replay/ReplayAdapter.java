package dev.prism.adapters.replay;

import dev.prism.adapters.Capability;
import dev.prism.adapters.DeclaresCapabilities;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import dev.prism.core.PrismUserException;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Serves completions saved in a predictions JSONL file (deployment option {@code predictions}), so
 * saved outputs can be scored without calling any model. A request with no saved prediction fails
 * with {@link ErrorKind#INVALID_REQUEST}, naming the instance.
 */
public final class ReplayAdapter implements ModelAdapter, DeclaresCapabilities {
  /** The deployment option holding the predictions file path. */
  public static final String PREDICTIONS_OPTION = "predictions";

  @Override
  public String kind() {
    return "replay";
  }

  @Override
  public String description() {
    return "Replays completions from a predictions JSONL file (option 'predictions')";
  }

  /**
   * Whatever was recorded is served, so nothing is refused: the recorded completions carry
   * log-probabilities exactly when the original model gave them.
   */
  @Override
  public Set<Capability> capabilities(Deployment deployment) {
    return EnumSet.complementOf(EnumSet.of(Capability.STREAMING));
  }

  @Override
  public ModelClient connect(Deployment deployment) {
    String file = deployment.options().get(PREDICTIONS_OPTION);
    if (file == null) {
      throw new PrismUserException(
          "deployment '" + deployment.name() + "' has no '" + PREDICTIONS_OPTION + "' file",
          "Set the predictions file of the replay deployment");
    }
    return new Client(PredictionsFile.read(Path.of(file)));
  }

  private static final class Client implements ModelClient {
    private final Map<Prediction.Key, Prediction> predictions;

    Client(Map<Prediction.Key, Prediction> predictions) {
      this.predictions = predictions;
    }

    @Override
    public RequestResult complete(RequestState state) {
      String perturbation =
          state.instance().perturbation() == null ? null : state.instance().perturbation().name();
      Prediction.Key key =
          new Prediction.Key(
              state.instance().id(),
              perturbation,
              state.trainTrialIndex(),
              state.referenceIndex(),
              state.requestMode());
      Prediction p = predictions.get(key);
      if (p == null) {
        return RequestResult.failure(
            ErrorKind.INVALID_REQUEST,
            "no saved prediction for instance '"
                + key.instanceId()
                + "'"
                + (perturbation == null ? "" : " (perturbation " + perturbation + ")")
                + (key.trainTrialIndex() == 0 ? "" : " trial " + key.trainTrialIndex()),
            0.0);
      }
      double time = p.requestTimeSeconds() == null ? 0.0 : p.requestTimeSeconds();
      return RequestResult.success(p.completions(), time);
    }

    @Override
    public boolean cacheable() {
      // Answers depend on the instance, not only on the request text.
      return false;
    }
  }
}
