"""Answer support tickets with an instruction-tuned chat model."""

from transformers import AutoModelForCausalLM, AutoTokenizer

CHAT_MODEL = "meta-llama/Llama-3.1-8B-Instruct"


def load():
    tokenizer = AutoTokenizer.from_pretrained(CHAT_MODEL)
    model = AutoModelForCausalLM.from_pretrained(CHAT_MODEL, torch_dtype="auto")
    return tokenizer, model


def answer(tokenizer, model, ticket: str) -> str:
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": ticket}], tokenize=False)
    inputs = tokenizer(prompt, return_tensors="pt")
    output = model.generate(**inputs, max_new_tokens=256)
    return tokenizer.decode(output[0], skip_special_tokens=True)
