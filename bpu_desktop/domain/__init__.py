"""The rules of BPU enrolment, in pure Python (no Qt, no SQL, no file access but seed JSON)."""
