@echo off
rem Double-click to open the deckgen studio in your browser (Windows).
rem The first start installs deckgen into .venv beside this file (a few minutes, once).
rem Your work stays on this PC; close this window to stop the studio.
cd /d "%~dp0"
where py >nul 2>nul
if %errorlevel%==0 (py -3 dev.py serve) else (python dev.py serve)
if errorlevel 1 pause
