#!/bin/bash
print("hello")
