"""Embed the knowledge base and rank candidate answers."""

from huggingface_hub import snapshot_download
from sentence_transformers import SentenceTransformer
from transformers import pipeline

EMBEDDER = "sentence-transformers/all-MiniLM-L6-v2"


def embedder() -> SentenceTransformer:
    path = snapshot_download(EMBEDDER)
    return SentenceTransformer(path)


def reranker():
    # Command R is released under CC-BY-NC-4.0: not for commercial products.
    return pipeline("text-generation", model="CohereForAI/c4ai-command-r-v01")
