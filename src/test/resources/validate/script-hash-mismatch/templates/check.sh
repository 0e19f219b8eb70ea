#!/bin/bash
echo "up 1"
