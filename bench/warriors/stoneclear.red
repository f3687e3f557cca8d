;redcode-94
;name Stone Clear
;author drq bench (hand-written)
;strategy A mod-4 stone dropping DATs at the optima step 3364 until its bombs would reach
;strategy its own code (bomb 761 lands 4 cells on), then a DAT core clear that spares itself.
;assert CORESIZE == 8000
step    equ     3364
ptr     dat.f   #0, #0
loop    add.ab  #step, ptr
        mov.i   kill, @ptr
        djn.b   loop, #760
        mov.ab  #len, ptr
clear   mov.i   kill, >ptr
count   djn.b   clear, #CORESIZE-len
        mov.ab  #len, ptr
        mov.ab  #CORESIZE-len, count
        jmp.b   clear
kill    dat.f   #0, #0
len     equ     kill-ptr+1
        end     loop
