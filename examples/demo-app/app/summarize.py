"""Summarize long ticket threads."""

from transformers import pipeline

summarizer = pipeline("text-generation", model="mistralai/Mistral-7B-Instruct-v0.3")


def summarize(thread: str) -> str:
    return summarizer(f"Summarize:\n{thread}", max_new_tokens=128)[0]["generated_text"]
